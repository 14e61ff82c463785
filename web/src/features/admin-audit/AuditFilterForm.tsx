// The audit search: user, action (one or a family), app, and a range of days. Submitting
// writes the search to the address bar; the page reads it from there.
import { Button, DatePicker, Form, Input, Select, Space, type SelectProps } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { App } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { actionLabel, AUDIT_ACTION_PREFIXES, AUDIT_ACTIONS, familyLabel } from "./auditActions";
import { emptySearch, type AuditSearch } from "./auditQuery";

const DAY = "YYYY-MM-DD";

type SelectOptions = SelectProps<string>["options"];

/** A choice that may be left empty ("any"), searchable by its label; "" when cleared. */
function SearchableSelect({ id, value, placeholder, options, onChange }: {
  id: string;
  value: string;
  placeholder: string;
  options: SelectOptions;
  onChange: (value: string) => void;
}) {
  return (
    <Select id={id} value={value || undefined} placeholder={placeholder} allowClear showSearch={{ optionFilterProp: "label" }}
      onChange={(v?: string) => onChange(v ?? "")} options={options} />
  );
}

export function AuditFilterForm({ initial, apps, fieldErrors, onSearch }: {
  initial: AuditSearch;
  apps: App[];
  /** Server messages per search field (a refused date, an unknown app). */
  fieldErrors: Record<string, string[]>;
  onSearch: (search: AuditSearch) => void;
}) {
  const { t } = useI18n();
  const [s, setS] = useState<AuditSearch>(initial);
  const set = (change: Partial<AuditSearch>) => setS((old) => ({ ...old, ...change }));
  const status = (key: keyof AuditSearch) => (fieldErrors[key] ? ("error" as const) : undefined);
  const day = (text: string) => (text && dayjs(text, DAY, true).isValid() ? dayjs(text, DAY) : null);
  // A date from the address bar that the picker cannot show is quoted with its error.
  const help = (key: keyof AuditSearch) => {
    const messages = fieldErrors[key]?.join(" ");
    const value = String(initial[key]);
    return messages && (key === "fromDate" || key === "toDate") && value && !day(value) ? `「${value}」 ${messages}` : messages;
  };

  return (
    <Form layout="vertical" onFinish={() => onSearch({ ...s, page: 1 })} className="audit-filter" role="search" aria-label={t("audit.searchLabel")}>
      <Form.Item label={t("audit.user")} htmlFor="audit-user" validateStatus={status("user")} help={help("user")}>
        <Input id="audit-user" value={s.user} placeholder={t("audit.userPlaceholder")} onChange={(e) => set({ user: e.target.value })} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t("audit.action")} htmlFor="audit-action" validateStatus={status("action")} help={help("action")}>
        <SearchableSelect
          id="audit-action"
          value={s.action}
          placeholder={t("audit.anyAction")}
          onChange={(action) => set({ action })}
          options={[
            { label: t("audit.families"), options: AUDIT_ACTION_PREFIXES.map((p) => ({ value: p, label: `${familyLabel(t, p)} (${p}*)` })) },
            { label: t("audit.actions"), options: AUDIT_ACTIONS.map((a) => ({ value: a, label: `${actionLabel(t, a)} (${a})` })) },
          ]}
        />
      </Form.Item>
      <Form.Item label={t("audit.app")} htmlFor="audit-app" validateStatus={status("app")} help={help("app")}>
        <SearchableSelect
          id="audit-app"
          value={s.app}
          placeholder={t("audit.anyApp")}
          onChange={(app) => set({ app })}
          options={apps.map((a) => ({ value: a.appId, label: `${a.name} (${a.appId})` }))}
        />
      </Form.Item>
      <Form.Item label={t("audit.fromDate")} htmlFor="audit-from" validateStatus={status("fromDate")} help={help("fromDate")}>
        <DatePicker id="audit-from" format={DAY} value={day(s.fromDate)} onChange={(d) => set({ fromDate: d ? d.format(DAY) : "" })} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item label={t("audit.toDate")} htmlFor="audit-to" validateStatus={status("toDate")} help={help("toDate")}>
        <DatePicker id="audit-to" format={DAY} value={day(s.toDate)} onChange={(d) => set({ toDate: d ? d.format(DAY) : "" })} style={{ width: "100%" }} />
      </Form.Item>
      <Space wrap className="audit-filter-buttons">
        <Button type="primary" htmlType="submit" data-testid="audit-search">{t("audit.search")}</Button>
        <Button onClick={() => { setS(emptySearch); onSearch(emptySearch); }}>{t("audit.clear")}</Button>
      </Space>
    </Form>
  );
}
