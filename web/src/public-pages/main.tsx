// The residents' pages (/public/f/<token>: a form, /public/l/<token>: a look-up,
// /public/d/<token>: a dashboard): a small
// bundle of its own with no component library, no fonts or scripts from elsewhere.
import { StrictMode, useCallback, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { DashboardPage } from "./DashboardPage";
import { FormPage } from "./FormPage";
import { LookupPage } from "./LookupPage";
import { translator, type Lang } from "./messages";
import { PageFrame } from "./PageFrame";
import type { Look } from "./publicApi";
import "./public.css";

const LANG_KEY = "tsumiki.public.lang";

function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "en" || asked === "ja") return asked;
  try {
    return localStorage.getItem(LANG_KEY) === "en" ? "en" : "ja";
  } catch {
    return "ja";
  }
}

function PublicPages() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [look, setLook] = useState<Look | null>(null);
  const t = useMemo(() => translator(lang), [lang]);
  const onLangChange = (next: Lang) => {
    setLang(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  };
  const onLook = useCallback((l: Look | null) => setLook(l), []);
  const [, kind, token = ""] = /^\/public\/([fld])\/([A-Za-z0-9]+)\/?$/.exec(location.pathname) ?? [];
  let body;
  if (kind === "f") body = <FormPage token={token} lang={lang} t={t} onLook={onLook} />;
  else if (kind === "l") body = <LookupPage token={token} lang={lang} t={t} onLook={onLook} />;
  else if (kind === "d") body = <DashboardPage token={token} lang={lang} t={t} onLook={onLook} />;
  else body = <p className="notice notice-error" role="alert">{t("notFound")}</p>;
  return (
    <PageFrame look={look} lang={lang} t={t} onLangChange={onLangChange}>
      {body}
    </PageFrame>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PublicPages />
  </StrictMode>,
);
