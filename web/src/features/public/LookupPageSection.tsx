// The look-up page's own settings: the receipt-number key and the secret keys, the fields
// shown, and friendly labels for status values in Japanese and English.
import { Button, Checkbox, Form, Input, Select, Space } from "antd";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { choiceValues, secretKeyCandidates, shownCandidates, uniqueTextFields } from "./pageSettings";
import type { PageSettings } from "./publicPagesApi";
import { ValueLabelsEditor } from "./ValueLabelsEditor";

interface Props {
  settings: PageSettings;
  properties: Properties;
  errors: Record<string, { messages: string[] }>;
  onChange: (change: Partial<PageSettings>) => void;
}

type Key = NonNullable<PageSettings["keys"]>[number];

export function LookupPageSection({ settings, properties, errors, onChange }: Props) {
  const { t } = useI18n();
  const keys = settings.keys ?? [];
  const shown = settings.shown ?? [];
  const labels = settings.valueLabels ?? {};
  const setKey = (i: number, change: Partial<Key>) => onChange({ keys: keys.map((k, j) => (j === i ? { ...k, ...change } : k)) });
  const fieldOptions = (list: { code: string; label: string }[]) => list.map((f) => ({ value: f.code, label: `${f.label} (${f.code})` }));
  const values = choiceValues(properties, shown.map((s) => s.code));
  const err = (k: string) => errors[k]?.messages.join(" ");

  return (
    <>
      <h3>{t("public.keysTitle")}</h3>
      <p>{t("public.keysLead")}</p>
      {err("keys") ? <p role="alert" className="field-error-text">{err("keys")}</p> : null}
      {keys.map((k, i) => (
        <Space key={i} wrap align="start" style={{ display: "flex" }}>
          <Form.Item label={i === 0 ? t("public.firstKey") : t("public.secretKey", { n: i })} htmlFor={`key-${i}`}
            validateStatus={err(`keys[${i}].code`) ? "error" : undefined} help={err(`keys[${i}].code`)}>
            <Select id={`key-${i}`} style={{ width: 260 }} value={k.code || undefined} onChange={(v: string) => setKey(i, { code: v })}
              options={fieldOptions(i === 0 ? uniqueTextFields(properties) : secretKeyCandidates(properties))} />
          </Form.Item>
          {i > 0 ? (
            <Form.Item label={t("public.match")} htmlFor={`match-${i}`}>
              <Select id={`match-${i}`} style={{ width: 200 }} value={k.match} onChange={(v: Key["match"]) => setKey(i, { match: v })}
                options={[{ value: "exact", label: t("public.matchExact") }, { value: "last4", label: t("public.matchLast4") }]} />
            </Form.Item>
          ) : null}
          <Form.Item label={t("public.keyLabel")} htmlFor={`key-label-${i}`}>
            <Input id={`key-label-${i}`} value={k.label} onChange={(e) => setKey(i, { label: e.target.value })} />
          </Form.Item>
          {i > 1 ? <Button onClick={() => onChange({ keys: keys.filter((_, j) => j !== i) })}>{t("common.remove")}</Button> : null}
        </Space>
      ))}
      {keys.length < 4 ? <Button onClick={() => onChange({ keys: [...keys, { code: "", match: "exact", label: "", help: "" }] })}>{t("public.addKey")}</Button> : null}

      <h3 style={{ marginTop: 24 }}>{t("public.shownTitle")}</h3>
      {err("shown") ? <p role="alert" className="field-error-text">{err("shown")}</p> : null}
      <Checkbox.Group
        value={shown.map((s) => s.code)}
        onChange={(codes) => onChange({ shown: (codes as string[]).map((c) => shown.find((s) => s.code === c) ?? { code: c, label: "" }) })}
        options={[{ value: "$status", label: t("public.processStatus") }, ...shownCandidates(properties).map((f) => ({ value: f.code, label: f.label }))]}
      />
      <ValueLabelsEditor values={values} labels={labels} onChange={(next) => onChange({ valueLabels: next })} marginTop={24} />
    </>
  );
}
