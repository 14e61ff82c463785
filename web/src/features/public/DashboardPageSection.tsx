// The dashboard's own settings: what is counted or summed and by which fields (dates by
// day, week, month or year), an optional filter, the chart, small-group suppression, how
// often the figures are refreshed, friendly wording for values — and a preview computed by
// the server from the unsaved settings.
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Table } from "antd";
import { useState } from "react";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { choiceValues, DATE_FIELD_TYPES, groupFieldCandidates, measureFieldCandidates } from "./pageSettings";
import type { AggregationType, DashboardAggregate, DashboardPreview, PageSettings, Period } from "./publicPagesApi";
import { ValueLabelsEditor } from "./ValueLabelsEditor";

interface Props {
  settings: PageSettings;
  properties: Properties;
  errors: Record<string, { messages: string[] }>;
  onChange: (change: Partial<PageSettings>) => void;
  onPreview: (settings: PageSettings) => Promise<DashboardPreview>;
}

const TYPES: AggregationType[] = ["COUNT", "SUM", "AVERAGE", "MIN", "MAX"];
const PERIODS: Period[] = ["DAY", "WEEK", "MONTH", "YEAR"];

export function DashboardPageSection({ settings, properties, errors, onChange, onPreview }: Props) {
  const { t } = useI18n();
  const aggregate: DashboardAggregate = settings.aggregate ?? { groups: [], aggregations: [{ type: "COUNT" }], filterCond: "" };
  const labels = settings.labels ?? {};
  const [preview, setPreview] = useState<DashboardPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const err = (k: string) => errors[k]?.messages.join(" ");
  const setAggregate = (change: Partial<DashboardAggregate>) => onChange({ aggregate: { ...aggregate, ...change } });
  const typeOf = (code: string) => (properties[code] as { type?: string } | undefined)?.type ?? "";
  const groupOptions = groupFieldCandidates(properties, settings.allowText ?? false).map((f) => ({ value: f.code, label: `${f.label} (${f.code})` }));
  const measureOptions = measureFieldCandidates(properties).map((f) => ({ value: f.code, label: `${f.label} (${f.code})` }));
  const setGroup = (i: number, code: string | undefined) => {
    const groups = [...aggregate.groups];
    if (!code) groups.splice(i, 1);
    else groups[i] = DATE_FIELD_TYPES.includes(typeOf(code)) ? { code, per: groups[i]?.per ?? "MONTH" } : { code };
    setAggregate({ groups });
  };
  const values = choiceValues(properties, aggregate.groups.map((g) => g.code));
  const runPreview = async () => {
    setPreviewing(true);
    setPreviewError(null);
    try {
      setPreview(await onPreview(settings));
    } catch (e) {
      setPreview(null);
      const detail = (e as { errors?: Record<string, { messages: string[] }> }).errors;
      const list = detail ? Object.entries(detail).map(([k, v]) => `${k}: ${v.messages.join(" ")}`).join(" / ") : "";
      setPreviewError([e instanceof Error ? e.message : String(e), list].filter(Boolean).join(" "));
    } finally {
      setPreviewing(false);
    }
  };

  return (
    <>
      <h3>{t("public.dashAggregateTitle")}</h3>
      {[0, 1].map((i) => {
        const g = aggregate.groups[i];
        if (i === 1 && aggregate.groups.length === 0) return null;
        return (
          <Space key={i} wrap align="start" style={{ display: "flex" }}>
            <Form.Item label={i === 0 ? t("public.dashGroup1") : t("public.dashGroup2")} htmlFor={`dash-group-${i}`}
              validateStatus={err(`aggregate.groups[${i}].code`) ? "error" : undefined} help={err(`aggregate.groups[${i}].code`)}>
              <Select id={`dash-group-${i}`} style={{ width: 280 }} allowClear value={g?.code} placeholder={t("public.dashNoGroup")}
                onChange={(v: string | undefined) => setGroup(i, v)} options={groupOptions} />
            </Form.Item>
            {g && DATE_FIELD_TYPES.includes(typeOf(g.code)) ? (
              <Form.Item label={t("public.dashPeriod")} htmlFor={`dash-per-${i}`}>
                <Select id={`dash-per-${i}`} style={{ width: 160 }} value={g.per ?? "DAY"}
                  onChange={(per: Period) => setAggregate({ groups: aggregate.groups.map((x, j) => (j === i ? { ...x, per } : x)) })}
                  options={PERIODS.map((p) => ({ value: p, label: t(`public.dashPer.${p}`) }))} />
              </Form.Item>
            ) : null}
          </Space>
        );
      })}
      <Form.Item label={t("public.dashAllowText")} htmlFor="dash-allow-text" help={t("public.dashAllowTextHelp")}>
        <Checkbox id="dash-allow-text" checked={settings.allowText ?? false} onChange={(e) => onChange({ allowText: e.target.checked })}>
          {t("public.dashAllowTextLabel")}
        </Checkbox>
      </Form.Item>
      {aggregate.aggregations.map((a, i) => (
        <Space key={i} wrap align="start" style={{ display: "flex" }}>
          <Form.Item label={t("public.dashMeasure", { n: i + 1 })} htmlFor={`dash-measure-${i}`}
            validateStatus={err(`aggregate.aggregations[${i}].type`) ? "error" : undefined} help={err(`aggregate.aggregations[${i}].type`)}>
            <Select id={`dash-measure-${i}`} style={{ width: 160 }} value={a.type}
              onChange={(type: AggregationType) => setAggregate({ aggregations: aggregate.aggregations.map((x, j) => (j === i ? (type === "COUNT" ? { type } : { type, code: x.code ?? measureOptions[0]?.value }) : x)) })}
              options={TYPES.map((type) => ({ value: type, label: t(`public.dashType.${type}`) }))} />
          </Form.Item>
          {a.type !== "COUNT" ? (
            <Form.Item label={t("public.dashMeasureField")} htmlFor={`dash-measure-field-${i}`}
              validateStatus={err(`aggregate.aggregations[${i}].code`) ? "error" : undefined} help={err(`aggregate.aggregations[${i}].code`)}>
              <Select id={`dash-measure-field-${i}`} style={{ width: 240 }} value={a.code}
                onChange={(code: string) => setAggregate({ aggregations: aggregate.aggregations.map((x, j) => (j === i ? { ...x, code } : x)) })}
                options={measureOptions} />
            </Form.Item>
          ) : null}
          {aggregate.aggregations.length > 1 ? (
            <Button onClick={() => setAggregate({ aggregations: aggregate.aggregations.filter((_, j) => j !== i) })}>{t("common.remove")}</Button>
          ) : null}
        </Space>
      ))}
      {aggregate.aggregations.length < 10 ? (
        <Button onClick={() => setAggregate({ aggregations: [...aggregate.aggregations, { type: "COUNT" }] })} style={{ marginBottom: 16 }}>{t("public.dashAddMeasure")}</Button>
      ) : null}
      <Form.Item label={t("public.dashFilter")} htmlFor="dash-filter" validateStatus={err("aggregate.filterCond") ? "error" : undefined}
        help={err("aggregate.filterCond") ?? t("public.dashFilterHelp")}>
        <Input id="dash-filter" value={aggregate.filterCond} placeholder='状態 in ("受付", "審査中")' onChange={(e) => setAggregate({ filterCond: e.target.value })} />
      </Form.Item>
      <Form.Item label={t("public.dashChart")}>
        <Radio.Group value={settings.chart ?? "bar"} onChange={(e) => onChange({ chart: e.target.value })}
          options={(["bar", "line", "pie"] as const).map((c) => ({ value: c, label: t(`public.dashChart.${c}`) }))} />
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item label={t("public.dashMinCount")} htmlFor="dash-min-count" validateStatus={err("minCount") ? "error" : undefined} help={err("minCount") ?? t("public.dashMinCountHelp")}>
          <InputNumber id="dash-min-count" min={1} max={1000} value={settings.minCount ?? 5} onChange={(v) => onChange({ minCount: Number(v ?? 5) })} />
        </Form.Item>
        <Form.Item label={t("public.dashRefresh")} htmlFor="dash-refresh" validateStatus={err("refreshMinutes") ? "error" : undefined} help={err("refreshMinutes") ?? t("public.dashRefreshHelp")}>
          <InputNumber id="dash-refresh" min={5} max={1440} value={settings.refreshMinutes ?? 60} onChange={(v) => onChange({ refreshMinutes: Number(v ?? 60) })} />
        </Form.Item>
      </Space>
      <ValueLabelsEditor values={values} labels={labels} onChange={(next) => onChange({ labels: next })} marginTop={8} />
      <h3 style={{ marginTop: 16 }}>{t("public.dashPreviewTitle")}</h3>
      <Button onClick={() => void runPreview()} loading={previewing} data-testid="dashboard-preview">{t("public.dashPreview")}</Button>
      <div aria-live="polite" style={{ marginTop: 12 }}>
        {previewError ? <Alert type="error" showIcon message={previewError} /> : null}
        {preview ? (
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={preview.rows}
            locale={{ emptyText: t("public.dashPreviewEmpty") }}
            columns={preview.columns.map((c, ci) => {
              const groups = preview.columns.filter((x) => x.kind === "group").length;
              return {
                title: c.label.ja,
                key: c.key,
                align: c.kind === "measure" ? ("right" as const) : undefined,
                render: (_: unknown, r: DashboardPreview["rows"][number]) =>
                  c.kind === "group" ? r.keys[ci]?.ja : r.suppressed ? `<${preview.minCount}` : (r.values[ci - groups] ?? "—"),
              };
            })}
          />
        ) : null}
      </div>
    </>
  );
}
