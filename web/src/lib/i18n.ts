// Language choice and message interpolation. Pure: the browser's languages and storage are
// passed in.

export type Locale = "ja" | "en";
export const LOCALES: readonly Locale[] = ["ja", "en"];

/** First supported language in the browser's preference list; Japanese otherwise. */
export function browserLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "ja" || base === "en") return base;
  }
  return "ja";
}

export function isLocale(value: unknown): value is Locale {
  return value === "ja" || value === "en";
}

/** Replaces `{name}` placeholders. Unknown placeholders stay visible so they get noticed. */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function localeStorageKey(userCode?: string): string {
  return userCode ? `tsumiki.locale.${userCode}` : "tsumiki.locale";
}
