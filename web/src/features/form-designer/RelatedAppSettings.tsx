// Settings of the fields that point at another app: a lookup (copy values from a record of
// the related app, spec §4.7) and related records (REFERENCE_TABLE: list records of the
// related app matching a field of this one). The related app is picked from the apps the
// user can see and its fields from its live form. The server only stores these definitions;
// its messages appear on the control they concern.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Select, Space } from "antd";
import type { App, FieldProperty, FieldType, LookupDefinition, Properties, ReferenceTableDefinition } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { isSortable } from "../../lib/query";
import { useAsync } from "../../ui/useAsync";

/** A field of the form being designed that settings may name. */
export interface FormField {
  code: string;
  label: string;
  type: FieldType;
}

/** Server messages for a definition path (`lookup.relatedKeyField`), if any. */
export type ErrorsFor = (path: string) => string[] | undefined;

const KEY_TYPES = new Set<FieldType>(["SINGLE_LINE_TEXT", "NUMBER", "LINK"]);
const NO_VALUE = new Set<string>(["GROUP", "REFERENCE_TABLE", "SUBTABLE", "__ID__", "__REVISION__", "CATEGORY", "STATUS_ASSIGNEE"]);
const SIZES = ["1", "3", "5", "10", "20", "30", "40", "50"];

function help(messages: string[] | undefined) {
  return messages ? { validateStatus: "error" as const, help: messages.join(" ") } : {};
}

/** The live fields of the related app that hold values. */
function useRelatedFields(appId: string) {
  const api = useApi();
  const fields = useAsync(async (): Promise<Properties | null> => (appId ? (await api.fields(appId, false)).properties : null), [api, appId]);
  const list = Object.values(fields.data ?? {}).filter((p) => !NO_VALUE.has(p.type));
  return { fields, list };
}

const fieldOption = (p: { code: string; label: string }) => ({ value: p.code, label: p.label && p.label !== p.code ? `${p.label} (${p.code})` : p.code });

function RelatedAppPicker({ id, value, onChange, errors }: { id: string; value: string; onChange: (app: string) => void; errors: string[] | undefined }) {
  const { t } = useI18n();
  const api = useApi();
  // Every app the user can see (apps.json answers 100 at a time).
  const apps = useAsync(async () => {
    const all: App[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await api.apps({ limit: 100, offset })).apps;
      all.push(...page);
      if (page.length < 100) return all;
    }
  }, [api]);
  const known = apps.data?.some((a) => a.appId === value) ?? true;
  return (
    <Form.Item htmlFor={id} label={t("prop.relatedApp")} {...help(errors ?? (!known && value ? [t("prop.relatedAppMissing", { app: value })] : undefined))}>
      <Select id={id} showSearch optionFilterProp="label" value={value || undefined} placeholder={t("prop.relatedAppPlaceholder")} loading={apps.status === "loading"}
        options={(apps.data ?? []).map((a) => ({ value: a.appId, label: `${a.name} (ID ${a.appId})` }))} onChange={onChange} />
    </Form.Item>
  );
}

/** `<field> asc|desc` as one field and an order (only the first key is edited). */
function SortPicker({ idPrefix, value, fields, onChange, errors }: {
  idPrefix: string; value: string; fields: FieldProperty[]; onChange: (sort: string) => void; errors: string[] | undefined;
}) {
  const { t } = useI18n();
  const [field = "", order = "asc"] = value.split(",")[0]!.trim().split(/\s+/);
  const sortable = fields.filter((f) => isSortable(f.type));
  return (
    <Space wrap align="start">
      <Form.Item htmlFor={`${idPrefix}-sort-field`} label={t("prop.sortField")} {...help(errors)}>
        <Select id={`${idPrefix}-sort-field`} style={{ minWidth: 180 }} allowClear value={field || undefined} options={sortable.map(fieldOption)}
          onChange={(code?: string) => onChange(code ? `${code} ${order}` : "")} />
      </Form.Item>
      <Form.Item htmlFor={`${idPrefix}-sort-order`} label={t("prop.sortOrder")}>
        <Select id={`${idPrefix}-sort-order`} style={{ minWidth: 110 }} value={order.toLowerCase() === "desc" ? "desc" : "asc"} disabled={!field}
          options={[{ value: "asc", label: t("prop.sortAsc") }, { value: "desc", label: t("prop.sortDesc") }]}
          onChange={(o: string) => onChange(field ? `${field} ${o}` : "")} />
      </Form.Item>
    </Space>
  );
}

export function LookupSettings({ lookup, formFields, errorsFor, onChange }: {
  lookup: LookupDefinition; formFields: FormField[]; errorsFor: ErrorsFor; onChange: (lookup: LookupDefinition) => void;
}) {
  const { t } = useI18n();
  const appId = lookup.relatedApp?.app ?? "";
  const { fields, list } = useRelatedFields(appId);
  const set = (patch: Partial<LookupDefinition>) => onChange({ ...lookup, ...patch });
  const keys = list.filter((p) => p.type === "RECORD_NUMBER" || (KEY_TYPES.has(p.type) && p.unique));
  const mappings = lookup.fieldMappings ?? [];
  const setMapping = (i: number, patch: Partial<LookupDefinition["fieldMappings"][number]>) =>
    set({ fieldMappings: mappings.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const ready = appId !== "" && fields.status !== "error";
  return (
    <fieldset className="prop-section" data-testid="lookup-settings">
      <legend>{t("fieldType.LOOKUP")}</legend>
      <RelatedAppPicker id="prop-lookup-app" value={appId} errors={errorsFor("lookup.relatedApp") ?? errorsFor("lookup.relatedApp.app")}
        onChange={(app) => onChange({ relatedApp: { app }, relatedKeyField: "", fieldMappings: [], lookupPickerFields: [], filterCond: lookup.filterCond ?? "", sort: "" })} />
      {!ready ? (
        <p className="muted">{t("prop.chooseAppFirst")}</p>
      ) : (
        <>
          <Form.Item htmlFor="prop-lookup-key" label={t("prop.lookupKey")} extra={t("prop.lookupKeyHelp")} {...help(errorsFor("lookup.relatedKeyField"))}>
            <Select id="prop-lookup-key" showSearch optionFilterProp="label" value={lookup.relatedKeyField || undefined} options={keys.map(fieldOption)}
              loading={fields.status === "loading"} onChange={(relatedKeyField: string) => set({ relatedKeyField })} />
          </Form.Item>
          <Form.Item label={t("prop.fieldMappings")} {...help(errorsFor("lookup.fieldMappings"))}>
            <ol className="plain-list mapping-list" data-testid="lookup-mappings">
              {mappings.map((m, i) => (
                <li key={i}>
                  <Select aria-label={t("prop.mappingTarget", { n: i + 1 })} style={{ minWidth: 150 }} value={m.field || undefined}
                    options={formFields.map(fieldOption)} onChange={(field: string) => setMapping(i, { field })} />
                  <span aria-hidden>←</span>
                  <Select aria-label={t("prop.mappingSource", { n: i + 1 })} style={{ minWidth: 150 }} value={m.relatedField || undefined}
                    options={list.map(fieldOption)} onChange={(relatedField: string) => setMapping(i, { relatedField })} />
                  <Button size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t("prop.removeMapping", { n: i + 1 })}
                    onClick={() => set({ fieldMappings: mappings.filter((_, j) => j !== i) })} />
                </li>
              ))}
            </ol>
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => set({ fieldMappings: [...mappings, { field: "", relatedField: "" }] })}>
              {t("prop.addMapping")}
            </Button>
          </Form.Item>
          <Form.Item htmlFor="prop-lookup-picker" label={t("prop.pickerFields")} {...help(errorsFor("lookup.lookupPickerFields"))}>
            <Select id="prop-lookup-picker" mode="multiple" value={lookup.lookupPickerFields ?? []} options={list.map(fieldOption)}
              onChange={(lookupPickerFields: string[]) => set({ lookupPickerFields })} />
          </Form.Item>
          <Form.Item htmlFor="prop-lookup-filter" label={t("prop.filterCond")} extra={t("prop.filterCondHelp")} {...help(errorsFor("lookup.filterCond"))}>
            <Input id="prop-lookup-filter" value={lookup.filterCond ?? ""} onChange={(e) => set({ filterCond: e.target.value })} style={{ fontFamily: "monospace" }} />
          </Form.Item>
          <SortPicker idPrefix="prop-lookup" value={lookup.sort ?? ""} fields={list} errors={errorsFor("lookup.sort")} onChange={(sort) => set({ sort })} />
        </>
      )}
      {fields.status === "error" && <Alert type="error" showIcon title={t("prop.relatedAppMissing", { app: appId })} />}
    </fieldset>
  );
}

export function ReferenceTableSettings({ table, formFields, errorsFor, onChange }: {
  table: ReferenceTableDefinition; formFields: FormField[]; errorsFor: ErrorsFor; onChange: (table: ReferenceTableDefinition) => void;
}) {
  const { t } = useI18n();
  const appId = table.relatedApp?.app ?? "";
  const { fields, list } = useRelatedFields(appId);
  const set = (patch: Partial<ReferenceTableDefinition>) => onChange({ ...table, ...patch });
  const condition = table.condition ?? { field: "", relatedField: "" };
  const ready = appId !== "" && fields.status !== "error";
  return (
    <fieldset className="prop-section" data-testid="reference-settings">
      <legend>{t("fieldType.REFERENCE_TABLE")}</legend>
      <RelatedAppPicker id="prop-ref-app" value={appId} errors={errorsFor("referenceTable.relatedApp") ?? errorsFor("referenceTable.relatedApp.app")}
        onChange={(app) => onChange({ relatedApp: { app }, condition: { field: condition.field, relatedField: "" }, filterCond: table.filterCond ?? "", displayFields: [], sort: "", size: table.size ?? "5" })} />
      {!ready ? (
        <p className="muted">{t("prop.chooseAppFirst")}</p>
      ) : (
        <>
          <fieldset className="prop-subsection">
            <legend>{t("prop.refCondition")}</legend>
            <Space wrap align="start">
              <Form.Item htmlFor="prop-ref-field" label={t("prop.refField")} {...help(errorsFor("referenceTable.condition.field") ?? errorsFor("referenceTable.condition"))}>
                <Select id="prop-ref-field" style={{ minWidth: 160 }} value={condition.field || undefined} options={formFields.map(fieldOption)}
                  onChange={(field: string) => set({ condition: { ...condition, field } })} />
              </Form.Item>
              <Form.Item htmlFor="prop-ref-related-field" label={t("prop.refRelatedField")} {...help(errorsFor("referenceTable.condition.relatedField"))}>
                <Select id="prop-ref-related-field" style={{ minWidth: 160 }} value={condition.relatedField || undefined} options={list.map(fieldOption)}
                  loading={fields.status === "loading"} onChange={(relatedField: string) => set({ condition: { ...condition, relatedField } })} />
              </Form.Item>
            </Space>
          </fieldset>
          <Form.Item htmlFor="prop-ref-display" label={t("prop.displayFields")} {...help(errorsFor("referenceTable.displayFields"))}>
            <Select id="prop-ref-display" mode="multiple" value={table.displayFields ?? []} options={list.map(fieldOption)}
              onChange={(displayFields: string[]) => set({ displayFields })} />
          </Form.Item>
          <Form.Item htmlFor="prop-ref-filter" label={t("prop.filterCond")} extra={t("prop.filterCondHelp")} {...help(errorsFor("referenceTable.filterCond"))}>
            <Input id="prop-ref-filter" value={table.filterCond ?? ""} onChange={(e) => set({ filterCond: e.target.value })} style={{ fontFamily: "monospace" }} />
          </Form.Item>
          <SortPicker idPrefix="prop-ref" value={table.sort ?? ""} fields={list} errors={errorsFor("referenceTable.sort")} onChange={(sort) => set({ sort })} />
          <Form.Item htmlFor="prop-ref-size" label={t("prop.refSize")} {...help(errorsFor("referenceTable.size"))}>
            <Select id="prop-ref-size" style={{ width: 100 }} value={table.size ?? "5"} options={SIZES.map((s) => ({ value: s, label: s }))}
              onChange={(size: string) => set({ size })} />
          </Form.Item>
        </>
      )}
      {fields.status === "error" && <Alert type="error" showIcon title={t("prop.relatedAppMissing", { app: appId })} />}
    </fieldset>
  );
}
