// A calendar view: one month, each record on the day of the view's date field, titled by
// its title field and linking to the record. Fetches only the shown month (≤ 500 records).
import { Calendar, Spin } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import type { KintoneRecord, Properties, View } from "../../../api/types";
import { useI18n } from "../../../app/I18nProvider";
import { useApi } from "../../../app/SessionProvider";
import { displayText } from "../../../lib/displayValue";
import { buildQuery, quote } from "../../../lib/query";
import { utcMinute } from "../../../lib/fieldValue";
import { ErrorAlert } from "../../../ui/PageState";
import { useAsync } from "../../../ui/useAsync";

const LIMIT = 500;

/** The month's bounds as the date field's type compares them. */
function monthCondition(field: string, type: string, month: Dayjs): string {
  const start = month.startOf("month");
  const end = start.add(1, "month");
  if (type === "DATE") return `${field} >= ${quote(start.format("YYYY-MM-DD"))} and ${field} < ${quote(end.format("YYYY-MM-DD"))}`;
  return `${field} >= ${quote(utcMinute(start.toDate()))} and ${field} < ${quote(utcMinute(end.toDate()))}`;
}

export function CalendarView({ app, view, properties, condition }: { app: string; view: View; properties: Properties; condition: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [month, setMonth] = useState(() => dayjs().startOf("month"));
  const date = view.date ?? "";
  const type = properties[date]?.type ?? "DATE";
  const titleProperty = view.title ? properties[view.title] : undefined;
  const records = useAsync(async () => {
    const query = buildQuery({ condition: [condition, monthCondition(date, type, month)].filter((c) => c.trim() !== "").map((c) => `(${c})`).join(" and "), orderBy: [{ field: date, direction: "asc" }], limit: LIMIT });
    return api.records(app, { query, fields: ["$id", date, ...(view.title ? [view.title] : [])], totalCount: true });
  }, [api, app, date, type, month, condition, view.title]);

  const byDay = new Map<string, KintoneRecord[]>();
  for (const r of records.data?.records ?? []) {
    const raw = r[date]?.value;
    if (typeof raw !== "string" || raw === "") continue;
    const day = type === "DATE" ? raw : dayjs(raw).format("YYYY-MM-DD");
    byDay.set(day, [...(byDay.get(day) ?? []), r]);
  }
  const total = Number(records.data?.totalCount ?? 0);
  return (
    <div data-testid="calendar-view">
      {records.status === "error" && <ErrorAlert error={records.error} onRetry={records.reload} />}
      <div className="muted" aria-live="polite" style={{ minHeight: 22 }}>
        {records.status === "loading" ? <Spin size="small" /> : total > LIMIT ? t("views.calendarTooMany", { n: LIMIT, total }) : t("views.calendarCount", { n: total, month: month.format(locale === "ja" ? "YYYY年M月" : "MMMM YYYY") })}
      </div>
      <Calendar value={month} onPanelChange={(d) => setMonth(d.startOf("month"))} onSelect={(d, info) => { if (info.source !== "date") setMonth(d.startOf("month")); }}
        cellRender={(current, info) => {
          if (info.type !== "date") return info.originNode;
          const items = byDay.get(current.format("YYYY-MM-DD")) ?? [];
          if (items.length === 0) return null;
          return (
            <ul className="calendar-items">
              {items.map((r) => {
                const id = r.$id?.value as string;
                const title = titleProperty ? displayText(titleProperty, r[titleProperty.code]?.value) : "";
                return (
                  <li key={id}>
                    <Link to={`/apps/${app}/records/${id}`} onClick={(e) => e.stopPropagation()}>{title || t("records.open", { id })}</Link>
                  </li>
                );
              })}
            </ul>
          );
        }} />
    </div>
  );
}
