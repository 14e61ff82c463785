// A public form: fill in → confirm → sent (receipt number). One idempotency key per filled-in
// form, so pressing "Send" twice or retrying after a lost answer files one application. An app
// without receipt numbers gets the date and time sent instead, something the resident can quote.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { confirmationMailAddress, confirmationMailField } from "./confirmationMail";
import { displayValue, FieldInput, type FieldValue } from "./FieldInput";
import { newIdempotencyKey, PublicError, publicApi, type PublicFormPage } from "./publicApi";
import type { Lang, Translate } from "./messages";
import { usePublicPage } from "./usePublicPage";

interface Props {
  token: string;
  lang: Lang;
  t: Translate;
  onLook: (page: PublicFormPage | null) => void;
}

type Step = "fill" | "confirm" | "done";

function initialValue(type: string, defaultValue: unknown): FieldValue {
  if (type === "FILE") return [];
  if (Array.isArray(defaultValue)) return defaultValue.filter((v): v is string => typeof v === "string");
  if (type === "CHECK_BOX" || type === "MULTI_SELECT") return [];
  return typeof defaultValue === "string" ? defaultValue : "";
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const typeNames: Record<string, string> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };

/** "2026年11月22日 18:04" / "22 November 2026, 18:04" in the resident's own time zone. */
function sentAtText(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "ja-JP", { dateStyle: "long", timeStyle: "short" }).format(at);
}

function isEmpty(v: FieldValue) {
  return Array.isArray(v) ? v.length === 0 : v.trim() === "";
}

export function FormPage({ token, lang, t, onLook }: Props) {
  const [values, setValues] = useState<Record<string, FieldValue>>({});
  // The page's defaults fill the form once loaded; what the resident typed is kept.
  const onLoaded = useCallback(
    (p: PublicFormPage | null) => {
      onLook(p);
      if (p) setValues((old) => Object.fromEntries(p.fields.map((f) => [f.code, old[f.code] ?? initialValue(f.type, f.defaultValue)])));
    },
    [onLook],
  );
  const { page, loadError } = usePublicPage(publicApi.form, token, lang, t, onLoaded);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>("fill");
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<{ receipt: string; completionMessage: string; sentAt: Date } | null>(null);
  const keyRef = useRef<string>(newIdempotencyKey());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step !== "fill") headingRef.current?.focus();
  }, [step]);

  useEffect(() => {
    if (Object.keys(errors).length > 0 || formError) summaryRef.current?.focus();
  }, [errors, formError]);

  if (loadError) return <p className="notice notice-error" role="alert">{loadError}</p>;
  if (!page) return <p className="notice" role="status">{t("loading")}</p>;

  if (page.state !== "open") {
    const key = page.state === "notYetOpen" ? "form.notYetOpen" : page.state === "full" ? "form.full" : "form.closed";
    return (
      <>
        {page.description ? <p className="lead">{page.description}</p> : null}
        <p className="notice notice-error" role="alert">{t(key)}</p>
      </>
    );
  }

  const rules = page.attachments;
  const accept = rules.types.join(",");
  const fileRules = t("form.fileRules", {
    types: rules.types.map((x) => typeNames[x] ?? x).join("・"),
    count: rules.maxCount,
    size: sizeText(rules.maxBytes),
  });

  const checkLocally = () => {
    const found: Record<string, string> = {};
    for (const f of page.fields) {
      const v = values[f.code] ?? "";
      if (f.required && isEmpty(v)) found[f.code] = t("form.requiredError");
      if (f.type === "FILE" && Array.isArray(v)) {
        const files = v as File[];
        if (files.length > rules.maxCount) found[f.code] = lang === "ja" ? `${rules.maxCount}件までです。` : `At most ${rules.maxCount} files.`;
        const big = files.find((x) => x.size > rules.maxBytes);
        if (big) found[f.code] = lang === "ja" ? `「${big.name}」は大きすぎます（${sizeText(rules.maxBytes)}まで）。` : `"${big.name}" is too large (at most ${sizeText(rules.maxBytes)}).`;
      }
    }
    return found;
  };

  const onNext = (e: FormEvent) => {
    e.preventDefault();
    const found = checkLocally();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length === 0) setStep("confirm");
  };

  const onSend = async () => {
    if (sending) return;
    setSending(true);
    setFormError(null);
    const record: Record<string, unknown> = {};
    const files: { field: string; file: File }[] = [];
    for (const f of page.fields) {
      const v = values[f.code] ?? "";
      if (f.type === "FILE") {
        for (const file of v as File[]) files.push({ field: f.code, file });
      } else if (!isEmpty(v)) {
        record[f.code] = f.type === "DATETIME" && typeof v === "string" ? new Date(v).toISOString().replace(/\.\d{3}Z$/, "Z") : v;
      }
    }
    try {
      const r = await publicApi.submit(token, keyRef.current, record, files, lang);
      setReceipt({ ...r, sentAt: new Date() });
      setStep("done");
    } catch (err) {
      const e = err as PublicError;
      if (e.status === 0) {
        setFormError(t("network"));
      } else {
        const byField: Record<string, string> = {};
        for (const [key, detail] of Object.entries(e.errors)) {
          const code = key.split(".")[1] ?? key;
          byField[code] = detail.messages.join(" ");
        }
        setErrors(byField);
        setFormError(Object.keys(byField).length > 0 ? null : e.message);
        // A refused application may be corrected and sent as a new one.
        keyRef.current = newIdempotencyKey();
        setStep("fill");
      }
    } finally {
      setSending(false);
    }
  };

  if (step === "done" && receipt) {
    const mailedTo = confirmationMailAddress(page, values);
    return (
      <section aria-labelledby="done-title">
        <h2 id="done-title" ref={headingRef} tabIndex={-1}>{t("form.doneTitle")}</h2>
        {receipt.receipt ? (
          <div className="receipt" role="status">
            <p className="receipt-label">{t("form.receiptLabel")}</p>
            <p className="receipt-number">{receipt.receipt}</p>
            <p>{t("form.receiptHint")}</p>
          </div>
        ) : (
          <div className="receipt" role="status" data-testid="form-received">
            <p className="receipt-label">{t("form.sentAtLabel")}</p>
            <p className="receipt-time">{sentAtText(receipt.sentAt, lang)}</p>
            <p>{t("form.receivedHint")}</p>
          </div>
        )}
        {/* Only an app with receipt numbers has one to put in the mail. */}
        {mailedTo ? <p data-testid="form-mail-sent">{t(receipt.receipt ? "form.mailSent" : "form.mailSentPlain", { address: mailedTo })}</p> : null}
        {receipt.completionMessage ? <p className="lead">{receipt.completionMessage}</p> : null}
      </section>
    );
  }

  if (step === "confirm") {
    return (
      <section aria-labelledby="confirm-title">
        <h2 id="confirm-title" ref={headingRef} tabIndex={-1}>{t("form.confirmTitle")}</h2>
        <p className="lead">{t("form.confirmLead")}</p>
        {formError ? <div className="notice notice-error" role="alert" ref={summaryRef} tabIndex={-1}>{formError}</div> : null}
        <dl className="summary">
          {page.fields.map((f) => (
            <div key={f.code} className="summary-row">
              <dt>{f.label}</dt>
              <dd>{displayValue(f, values[f.code] ?? "", t)}</dd>
            </div>
          ))}
        </dl>
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => setStep("fill")} disabled={sending}>
            {t("form.back")}
          </button>
          <button type="button" className="button" onClick={onSend} disabled={sending} aria-busy={sending}>
            {sending ? t("form.sending") : t("form.send")}
          </button>
        </div>
      </section>
    );
  }

  const errorCodes = Object.keys(errors);
  const mailField = confirmationMailField(page);
  return (
    <form onSubmit={onNext} noValidate>
      {page.description ? <p className="lead">{page.description}</p> : null}
      {errorCodes.length > 0 || formError ? (
        <div className="notice notice-error" role="alert" ref={summaryRef} tabIndex={-1}>
          {formError ? <p>{formError}</p> : null}
          {errorCodes.length > 0 ? (
            <>
              <p>{t("form.errorsTitle")}</p>
              <ul>
                {errorCodes.map((code) => (
                  <li key={code}>
                    <a href={`#f-${code}`}>{page.fields.find((f) => f.code === code)?.label ?? code}</a>: {errors[code]}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {page.fields.map((f) => (
        <FieldInput
          key={f.code}
          field={f}
          value={values[f.code] ?? initialValue(f.type, undefined)}
          error={errors[f.code]}
          accept={accept}
          fileRules={fileRules}
          note={f.code === mailField ? t("form.mailNote") : undefined}
          t={t}
          onChange={(v) => setValues((old) => ({ ...old, [f.code]: v }))}
        />
      ))}
      <div className="actions">
        <button type="submit" className="button">{t("form.next")}</button>
      </div>
    </form>
  );
}
