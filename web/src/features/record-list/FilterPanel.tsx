// The list's filter: rows of "field operator value", all or any must match. Applied to
// the list, its count and the CSV export. The same rows edit a saved view's filter.
import { DeleteOutlined, FilterOutlined, PlusOutlined } from "@ant-design/icons";
import { Badge, Button, DatePicker, Input, Popover, Radio, Select, Space, TimePicker } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { FieldProperty, Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { orderedOptions } from "../../fields/options";
import { utcMinute } from "../../lib/fieldValue";
import { isFilterable, operatorsFor, type FilterOperator, type FilterRow } from "../../lib/filter";

export interface Filter {
  rows: FilterRow[];
  match: "all" | "any";
}

function ValueInput({ property, row, onChange, label }: { property: FieldProperty; row: FilterRow; onChange: (v: string | string[]) => void; label: string }) {
  const { t } = useI18n();
  if (row.operator === "is empty" || row.operator === "is not empty") return null;
  const one = Array.isArray(row.value) ? (row.value[0] ?? "") : row.value;
  if (row.operator === "in" || row.operator === "not in") {
    const options = orderedOptions(property.options).map((o) => ({ value: o, label: o }));
    return (
      <Select aria-label={label} mode={options.length > 0 ? "multiple" : "tags"} style={{ minWidth: 200 }} placeholder={t("record.selectPlaceholder")}
        value={Array.isArray(row.value) ? row.value : row.value ? [row.value] : []} options={options} onChange={(v: string[]) => onChange(v)} />
    );
  }
  if (property.type === "DATE") return <DatePicker aria-label={label} value={one ? dayjs(one) : null} onChange={(d) => onChange(d ? d.format("YYYY-MM-DD") : "")} />;
  if (property.type === "TIME") return <TimePicker aria-label={label} format="HH:mm" value={one ? dayjs(`2000-01-01T${one}`) : null} onChange={(d) => onChange(d ? d.format("HH:mm") : "")} />;
  if (property.type === "DATETIME" || property.type === "CREATED_TIME" || property.type === "UPDATED_TIME") {
    return <DatePicker aria-label={label} showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" value={one ? dayjs(one) : null} onChange={(d) => onChange(d ? utcMinute(d.toDate()) : "")} />;
  }
  return <Input aria-label={label} style={{ width: 200 }} value={one} onChange={(e) => onChange(e.target.value)} />;
}

/** Rows of conditions and the all/any switch; used by the list's filter and the view editor. */
export function ConditionEditor({ properties, value, onChange }: { properties: Properties; value: Filter; onChange: (filter: Filter) => void }) {
  const { t } = useI18n();
  const fields = Object.values(properties).filter(isFilterable);
  const setRow = (i: number, patch: Partial<FilterRow>) => onChange({ ...value, rows: value.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <div data-testid="condition-editor">
      <Radio.Group value={value.match} onChange={(e) => onChange({ ...value, match: e.target.value as Filter["match"] })} style={{ marginBottom: 8 }}
        options={[{ value: "all", label: t("filter.all") }, { value: "any", label: t("filter.any") }]} />
      {value.rows.map((row, i) => {
        const property = properties[row.field];
        const n = i + 1;
        return (
          <Space key={i} wrap style={{ display: "flex", marginBottom: 8 }}>
            <Select aria-label={t("filter.field", { n })} style={{ minWidth: 160 }} value={row.field} showSearch={{ optionFilterProp: "label" }}
              options={fields.map((f) => ({ value: f.code, label: f.label }))}
              onChange={(code: string) => setRow(i, { field: code, operator: operatorsFor(properties[code]!.type)[0]!, value: "" })} />
            {property && (
              <>
                <Select aria-label={t("filter.operator", { n })} style={{ minWidth: 130 }} value={row.operator}
                  options={operatorsFor(property.type).map((op) => ({ value: op, label: t(`filter.op.${op}`) }))}
                  onChange={(operator: FilterOperator) => setRow(i, { operator, value: operator === "in" || operator === "not in" ? [] : "" })} />
                <ValueInput property={property} row={row} label={t("filter.value", { n })} onChange={(v) => setRow(i, { value: v })} />
              </>
            )}
            <Button icon={<DeleteOutlined aria-hidden />} aria-label={t("filter.remove", { n })} onClick={() => onChange({ ...value, rows: value.rows.filter((_, j) => j !== i) })} />
          </Space>
        );
      })}
      <Button icon={<PlusOutlined aria-hidden />} disabled={fields.length === 0} onClick={() => onChange({ ...value, rows: [...value.rows, newFilterRow(properties)!] })}>{t("filter.add")}</Button>
    </div>
  );
}

export function newFilterRow(properties: Properties): FilterRow | null {
  const first = Object.values(properties).find(isFilterable);
  return first ? { field: first.code, operator: operatorsFor(first.type)[0]!, value: "" } : null;
}

export function FilterPanel({ properties, filter, onApply }: { properties: Properties; filter: Filter; onApply: (filter: Filter) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Filter>(filter);
  const content = (
    // The popover starts at the button (16 px in) and adds 12 px padding each side: at 90vw a
    // phone's page scrolled sideways by a pixel.
    <div style={{ maxWidth: "min(720px, calc(100vw - 56px))" }} data-testid="filter-panel">
      <ConditionEditor properties={properties} value={draft} onChange={setDraft} />
      <Space wrap style={{ marginTop: 8 }}>
        <Button onClick={() => { const empty: Filter = { rows: [], match: "all" }; setDraft(empty); onApply(empty); setOpen(false); }}>{t("filter.clear")}</Button>
        <Button type="primary" onClick={() => { onApply(draft); setOpen(false); }}>{t("filter.apply")}</Button>
      </Space>
    </div>
  );
  return (
    <Popover open={open} onOpenChange={(o) => { setOpen(o); if (o) { const first = newFilterRow(properties); setDraft(filter.rows.length > 0 ? filter : { rows: first ? [first] : [], match: filter.match }); } }}
      trigger="click" placement="bottomLeft" title={t("filter.title")} content={content}>
      <Badge count={filter.rows.length} size="small">
        <Button icon={<FilterOutlined aria-hidden />}>{t("filter.title")}</Button>
      </Badge>
    </Popover>
  );
}
