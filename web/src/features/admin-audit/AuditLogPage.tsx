// Administrators' audit log screen: search by user, action, app and days, a page of entries
// newest first, and the same selection as CSV. Others who open the address are told the
// screen is for administrators.
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space } from "antd";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { isApiError, ErrorCodes } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useApi, useSession } from "../../app/SessionProvider";
import { splitFormErrors } from "../../lib/formErrors";
import { saveBlob } from "../../lib/saveBlob";
import { ErrorAlert, errorMessage } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { auditApi } from "./auditApi";
import { AuditFilterForm } from "./AuditFilterForm";
import { AuditTable } from "./AuditTable";
import { apiFilter, isFiltered, PAGE_SIZE, pageParams, searchFromParams, searchToParams, type AuditSearch } from "./auditQuery";
import "./audit.css";

// The API's parameter names → the search form's fields.
const FIELD_OF: Record<string, keyof AuditSearch> = { user: "user", action: "action", app: "app", from: "fromDate", to: "toDate" };

function serverFieldErrors(error: unknown): { byField: Record<string, string[]>; other: string[] } {
  if (!isApiError(error, ErrorCodes.invalidInput)) return { byField: {}, other: [] };
  const split = splitFormErrors(error.errors, Object.keys(FIELD_OF));
  return { byField: Object.fromEntries(Object.entries(split.byField).map(([k, v]) => [FIELD_OF[k]!, v])), other: split.other };
}

function AuditLog() {
  const { t } = useI18n();
  const client = useApi();
  const api = useMemo(() => auditApi(client.transport), [client]);
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const search = useMemo(() => searchFromParams(new URLSearchParams(key)), [key]);
  const apps = useAsync(() => client.apps({ limit: 100 }), [client]);
  const data = useAsync(() => api.search(pageParams(search)), [api, search]);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  // While the next page loads the previous one stays in place, dimmed by the table.
  const entries = data.status !== "error" ? (data.data?.entries ?? []).slice(0, PAGE_SIZE) : [];
  const hasNext = data.status === "ready" && data.data.entries.length > PAGE_SIZE;
  const refused = data.status === "error" ? serverFieldErrors(data.error) : { byField: {}, other: [] };
  const appList = apps.data?.apps ?? [];
  const go = (next: AuditSearch) => setParams(searchToParams(next));
  const first = (search.page - 1) * PAGE_SIZE + 1;

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveBlob(await api.exportCsv(apiFilter(search)), "audit-log.csv");
    } catch (error) {
      setExportError(errorMessage(error, t("common.networkError")));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card>
        <AuditFilterForm key={key} initial={search} apps={appList} fieldErrors={refused.byField} onSearch={go} />
      </Card>
      <Card
        title={<h2 className="card-title">{t("audit.entries")}</h2>}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportCsv()} loading={exporting} data-testid="audit-export">
            {t("audit.export")}
          </Button>
        }
      >
        <div aria-live="polite">
          {exportError ? <Alert type="error" showIcon role="alert" title={exportError} style={{ marginBottom: 12 }} /> : null}
          {data.status === "error" && Object.keys(refused.byField).length === 0 ? <ErrorAlert error={data.error} onRetry={data.reload} /> : null}
          {data.status === "error" && Object.keys(refused.byField).length > 0 ? (
            <Alert type="error" showIcon role="alert" title={t("audit.fixSearch")} description={refused.other.join(" ") || undefined} />
          ) : null}
        </div>
        {data.status !== "error" ? (
          <>
            <p className="muted" aria-live="polite" data-testid="audit-range">
              {data.status === "ready" && entries.length > 0 ? t("audit.range", { first, last: first + entries.length - 1 }) : "\u00a0"}
            </p>
            <AuditTable
              entries={entries}
              apps={appList}
              loading={data.status === "loading"}
              emptyText={isFiltered(search) || search.page > 1 ? t("audit.noMatch") : t("audit.empty")}
            />
            <nav className="audit-pager" aria-label={t("audit.pages")}>
              <Button disabled={search.page <= 1} onClick={() => go({ ...search, page: search.page - 1 })}>{t("audit.newer")}</Button>
              <span>{t("audit.page", { page: search.page })}</span>
              <Button disabled={!hasNext} onClick={() => go({ ...search, page: search.page + 1 })} data-testid="audit-next">{t("audit.older")}</Button>
            </nav>
          </>
        ) : null}
      </Card>
    </Space>
  );
}

export function AuditLogPage() {
  const { t } = useI18n();
  const { state } = useSession();
  const isAdmin = state.status === "signedIn" && Boolean(state.session.user.isAdmin);
  return (
    <div className="audit-page">
      <div className="page-header">
        <h1>{t("audit.title")}</h1>
        <Link to="/"><Button>{t("common.back")}</Button></Link>
      </div>
      {isAdmin ? <AuditLog /> : <Alert type="warning" showIcon role="alert" title={t("audit.adminsOnly")} description={t("audit.adminsOnlyHelp")} data-testid="audit-admins-only" />}
    </div>
  );
}
