// The frame of every resident's page: the page's colours and text size, its logo and title,
// and the language switch. Colours arrive validated for contrast by the server.
import { useEffect, type ReactNode } from "react";
import type { Look } from "./publicApi";
import type { Lang, Translate } from "./messages";

interface Props {
  look: Look | null;
  lang: Lang;
  t: Translate;
  onLangChange: (lang: Lang) => void;
  children: ReactNode;
}

export function applyLook(look: Look | null) {
  const root = document.documentElement.style;
  if (!look) return;
  root.setProperty("--primary", look.theme.primaryColor);
  root.setProperty("--background", look.theme.backgroundColor);
  root.setProperty("--text", look.theme.textColor);
  root.setProperty("--scale", String(look.theme.fontScale));
}

export function PageFrame({ look, lang, t, onLangChange, children }: Props) {
  useEffect(() => applyLook(look), [look]);
  useEffect(() => {
    document.documentElement.lang = lang;
    if (look?.title) document.title = look.title;
  }, [lang, look]);
  const other: Lang = lang === "ja" ? "en" : "ja";
  return (
    <div className="page">
      <header className="page-header">
        <div className="page-brand">
          {look?.logo ? <img className="page-logo" src={look.logo} alt="" /> : null}
          {look ? <h1 className="page-title">{look.title}</h1> : null}
        </div>
        <button type="button" className="lang-switch" lang={other} aria-label={t("lang.switchLabel")} onClick={() => onLangChange(other)}>
          {t("lang.switch")}
        </button>
      </header>
      <main className="page-main">{children}</main>
    </div>
  );
}
