// A public look-up page: the resident types every key, and sees their one record or one
// plain "not found" answer that says nothing about which entry was wrong.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { PublicError, publicApi, type LookupResult, type PublicLookupPage } from "./publicApi";
import type { Lang, Translate } from "./messages";
import { usePublicPage } from "./usePublicPage";

interface Props {
  token: string;
  lang: Lang;
  t: Translate;
  onLook: (page: PublicLookupPage | null) => void;
}

export function LookupPage({ token, lang, t, onLook }: Props) {
  const { page, loadError } = usePublicPage(publicApi.lookup, token, lang, t, onLook);
  const [keys, setKeys] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (error) messageRef.current?.focus();
  }, [error]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  if (loadError) return <p className="notice notice-error" role="alert">{loadError}</p>;
  if (!page) return <p className="notice" role="status">{t("loading")}</p>;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await publicApi.search(token, keys, lang));
    } catch (err) {
      const pe = err as PublicError;
      setError(pe.status === 0 ? t("network") : pe.message);
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <section aria-labelledby="result-title">
        <h2 id="result-title" ref={resultRef} tabIndex={-1}>{t("lookup.resultTitle")}</h2>
        <dl className="summary">
          {result.fields.map((f, i) => (
            <div key={i} className="summary-row">
              <dt>{f.label}</dt>
              <dd>{f.value || "—"}</dd>
            </div>
          ))}
        </dl>
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => { setResult(null); setKeys({}); }}>
            {t("lookup.again")}
          </button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {page.description ? <p className="lead">{page.description}</p> : null}
      {error ? <div className="notice notice-error" role="alert" tabIndex={-1} ref={messageRef}>{error}</div> : null}
      {page.keys.map((k) => {
        const id = `k-${k.code}`;
        const helpId = k.help ? `${id}-help` : undefined;
        const last4 = k.match === "last4";
        return (
          <div className="field" key={k.code}>
            <label className="field-label" htmlFor={id}>
              {k.label}
              {last4 && !k.label.includes("4") ? `（${t("lookup.last4")}）` : ""} <span className="badge badge-required">{t("required")}</span>
            </label>
            {k.help ? <p className="field-help" id={helpId}>{k.help}</p> : null}
            <input
              id={id}
              type={k.type === "DATE" ? "date" : "text"}
              inputMode={last4 ? "numeric" : undefined}
              autoComplete="off"
              aria-describedby={helpId}
              aria-required
              value={keys[k.code] ?? ""}
              onChange={(e) => setKeys((old) => ({ ...old, [k.code]: e.target.value }))}
            />
          </div>
        );
      })}
      <div className="actions">
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {busy ? t("lookup.searching") : t("lookup.search")}
        </button>
      </div>
    </form>
  );
}
