// Friendly Japanese and English wording for choice values, shared by the look-up page and the
// dashboard settings. A value with neither wording is dropped from the map.
import { Input, Space } from "antd";
import { useI18n } from "../../app/I18nProvider";

export type ValueLabels = Record<string, string | { ja?: string; en?: string }>;

interface Props {
  values: string[];
  labels: ValueLabels;
  onChange: (labels: ValueLabels) => void;
  /** Space above the heading, to fit the section it sits in. */
  marginTop: number;
}

export function ValueLabelsEditor({ values, labels, onChange, marginTop }: Props) {
  const { t } = useI18n();
  if (values.length === 0) return null;
  // A plain string is the Japanese wording saved before English was offered.
  const labelOf = (v: string, lang: "ja" | "en") => {
    const l = labels[v];
    if (typeof l === "string") return lang === "ja" ? l : "";
    return l?.[lang] ?? "";
  };
  const setLabel = (v: string, lang: "ja" | "en", text: string) => {
    const current = labels[v];
    const both = typeof current === "string" ? { ja: current } : { ...(current ?? {}) };
    both[lang] = text;
    const next = { ...labels, [v]: both };
    if (!both.ja && !both.en) delete next[v];
    onChange(next);
  };
  return (
    <>
      <h3 style={{ marginTop }}>{t("public.valueLabelsTitle")}</h3>
      {values.map((v) => (
        <Space key={v} wrap align="start" style={{ display: "flex" }}>
          <span style={{ minWidth: 120, display: "inline-block", paddingTop: 4 }}>{v}</span>
          <Input aria-label={t("public.valueLabelJa", { value: v })} placeholder="日本語" value={labelOf(v, "ja")} onChange={(e) => setLabel(v, "ja", e.target.value)} />
          <Input aria-label={t("public.valueLabelEn", { value: v })} placeholder="English" value={labelOf(v, "en")} onChange={(e) => setLabel(v, "en", e.target.value)} />
        </Space>
      ))}
    </>
  );
}
