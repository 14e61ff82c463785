// A record's history: who changed what and when, each changed field's value before and
// after, newest first; "show older" pages further back. Fields the user may not view never
// arrive from the server.
import { Button, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { FieldProperty, RawValue } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { displayText } from "../../lib/displayValue";
import { EmptyState, ErrorAlert, LoadingState } from "../../ui/PageState";
import { HISTORY_PER_PAGE, type HistoryChange, type HistoryEntry, type RecordExtrasApi } from "./recordExtrasApi";

function shown(change: HistoryChange, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (change.type === "SUBTABLE" && Array.isArray(value)) return `${value.length}`;
  return displayText({ type: change.type } as Pick<FieldProperty, "type">, value as RawValue);
}

export function HistoryTab({ api, app, record, reloadKey }: { api: RecordExtrasApi; app: string; record: string; reloadKey: number }) {
  const { t, locale } = useI18n();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (offset: number) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.history(app, record, offset);
      setEntries((old) => (offset === 0 ? page.history : [...(old ?? []), ...page.history]));
      setTotal(Number(page.totalCount));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [api, app, record]);

  useEffect(() => { void load(0); }, [load, reloadKey]);

  if (error) return <ErrorAlert error={error} onRetry={() => void load(0)} />;
  if (!entries) return <LoadingState />;
  if (entries.length === 0) return <EmptyState message={t("history.empty")} />;
  const actionLabel = { add: t("history.action.add"), update: t("history.action.update"), delete: t("history.action.delete") };
  const when = (iso: string) => new Date(iso).toLocaleString(locale === "ja" ? "ja-JP" : "en-GB");
  return (
    <section aria-label={t("history.title")} data-testid="record-history">
      <ol className="record-history">
        {entries.map((e) => (
          <li key={e.revision} className="record-history-entry">
            <p className="record-history-head">
              <Tag>{actionLabel[e.action]}</Tag>
              <strong>{e.user.name || e.user.code}</strong>{" "}
              <time dateTime={e.at}>{when(e.at)}</time>{" "}
              <span className="muted">{t("history.revision", { n: e.revision })}</span>
            </p>
            {e.changes.length === 0 ? (
              <p className="muted">{t("history.noVisibleChanges")}</p>
            ) : (
              <Table<HistoryChange>
                size="small"
                pagination={false}
                rowKey="code"
                dataSource={e.changes}
                scroll={{ x: true }}
                columns={[
                  { title: t("history.field"), dataIndex: "label", render: (label: string, c) => label || c.code },
                  { title: t("history.before"), render: (_, c) => <span className="history-value">{shown(c, c.before)}</span> },
                  { title: t("history.after"), render: (_, c) => <span className="history-value">{shown(c, c.after)}</span> },
                ]}
              />
            )}
          </li>
        ))}
      </ol>
      {entries.length < total && (
        <Button onClick={() => void load(entries.length)} loading={loading}>{t("history.older", { n: Math.min(HISTORY_PER_PAGE, total - entries.length) })}</Button>
      )}
    </section>
  );
}
