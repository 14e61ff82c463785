// The portal: every app the user can see, searchable by name, recently used first, and
// the way to create a new app.
import { AppstoreAddOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Card, Input } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import type { App } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi, useSession } from "../../app/SessionProvider";
import { readRecent } from "../../lib/recentApps";
import { EmptyState, ErrorAlert, LoadingState } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { CreateAppDialog } from "./CreateAppDialog";

function AppCard({ app }: { app: App }) {
  const { t, locale } = useI18n();
  const updated = new Date(app.modifiedAt);
  return (
    <Link to={`/apps/${app.appId}`} className="app-card" aria-label={app.name}>
      <Card hoverable size="small" style={{ height: "100%" }}>
        <h3>{app.name}</h3>
        {!Number.isNaN(updated.getTime()) && (
          <div className="muted">{t("portal.updated", { date: updated.toLocaleDateString(locale) })}</div>
        )}
      </Card>
    </Link>
  );
}

export function PortalPage() {
  const { t } = useI18n();
  const api = useApi();
  const { state } = useSession();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const apps = useAsync(() => api.apps(query ? { name: query, limit: 100 } : { limit: 100 }), [api, query]);
  const userCode = state.status === "signedIn" ? state.session.user.code : "";
  const recent = useMemo(() => {
    if (query || !apps.data) return [];
    const byId = new Map(apps.data.apps.map((a) => [a.appId, a]));
    return readRecent(userCode).flatMap((id) => byId.get(id) ?? []);
  }, [apps.data, query, userCode]);

  return (
    <>
      <div className="page-header">
        <h1>{t("portal.title")}</h1>
        <Input
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          aria-label={t("portal.search")}
          placeholder={t("portal.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320 }}
        />
        <Button type="primary" icon={<AppstoreAddOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t("portal.create")}
        </Button>
      </div>
      {apps.status === "error" && <ErrorAlert error={apps.error} onRetry={apps.reload} />}
      {apps.status === "loading" && !apps.data && <LoadingState />}
      {apps.data && apps.data.apps.length === 0 && (
        <EmptyState
          message={query ? t("portal.noMatch", { q: query }) : t("portal.empty")}
          action={
            !query && (
              <Button type="primary" onClick={() => setCreating(true)}>
                {t("portal.create")}
              </Button>
            )
          }
        />
      )}
      {recent.length > 0 && (
        <section aria-labelledby="recent-heading" style={{ marginBottom: 24 }}>
          <h2 id="recent-heading" style={{ fontSize: 16 }}>
            {t("portal.recent")}
          </h2>
          <div className="app-grid">
            {recent.map((app) => (
              <AppCard key={app.appId} app={app} />
            ))}
          </div>
        </section>
      )}
      {apps.data && apps.data.apps.length > 0 && (
        <section aria-labelledby="all-heading">
          <h2 id="all-heading" style={{ fontSize: 16 }}>
            {t("portal.all")}
          </h2>
          <div className="app-grid" data-testid="app-list">
            {apps.data.apps.map((app) => (
              <AppCard key={app.appId} app={app} />
            ))}
          </div>
        </section>
      )}
      <CreateAppDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
