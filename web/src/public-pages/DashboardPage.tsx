// A public dashboard: published figures as a chart and a table (the chart's text
// alternative), the time they were computed, and open-data downloads. The chart library is
// loaded only here, on demand.
import { useEffect, useRef, useState } from "react";
import { publicApi, type Bilingual, type PublicDashboardPage } from "./publicApi";
import type { Lang, Translate } from "./messages";
import { usePublicPage } from "./usePublicPage";

interface Props {
  token: string;
  lang: Lang;
  t: Translate;
  onLook: (page: PublicDashboardPage | null) => void;
}

function formatAsOf(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
}

function Chart({ page, lang, t }: { page: PublicDashboardPage; lang: Lang; t: Translate }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let live = true;
    import("./dashboardChart").then(
      ({ drawChart }) => {
        if (!live || !ref.current) return;
        const style = getComputedStyle(document.documentElement);
        dispose = drawChart(ref.current, {
          chart: page.chart,
          columns: page.columns,
          rows: page.rows,
          lang,
          primary: style.getPropertyValue("--primary").trim() || "#1d4f91",
          text: style.getPropertyValue("--text").trim() || "#1a1a1a",
        });
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      dispose?.();
    };
  }, [page, lang]);
  if (failed) return null;
  return (
    <figure className="dashboard-figure">
      <div className="dashboard-chart" ref={ref} aria-hidden="true" data-testid="dashboard-chart" />
      <figcaption className="field-help">{t("dashboard.chartCaption")}</figcaption>
    </figure>
  );
}

export function DashboardPage({ token, lang, t, onLook }: Props) {
  const { page, loadError } = usePublicPage(publicApi.dashboard, token, lang, t, onLook);

  if (loadError) return <p className="notice notice-error" role="alert">{loadError}</p>;
  if (!page) return <p className="notice" role="status">{t("loading")}</p>;

  const label = (l: Bilingual) => (lang === "en" ? l.en || l.ja : l.ja);
  const number = (v: number | null) => (v === null ? "—" : v.toLocaleString(lang === "ja" ? "ja-JP" : "en-GB", { maximumFractionDigits: 2 }));
  const hidden = `<${page.minCount}`;
  const anySuppressed = page.rows.some((r) => r.suppressed);
  const data = (kind: "csv" | "json") => `/api/public/dashboard/data.${kind}?token=${encodeURIComponent(token)}&lang=${lang}`;

  return (
    <>
      {page.description ? <p className="lead">{page.description}</p> : null}
      <p className="dashboard-asof">
        {t("dashboard.asOf", { time: formatAsOf(page.asOf, lang) })} {t("dashboard.refresh", { n: page.refreshMinutes })}
      </p>
      {page.rows.length === 0 ? (
        <p className="notice" role="status">{t("dashboard.empty")}</p>
      ) : (
        <>
          <Chart page={page} lang={lang} t={t} />
          <div className="table-wrap" role="region" aria-labelledby="dashboard-caption" tabIndex={0}>
            <table className="dashboard-table">
              <caption id="dashboard-caption">{t("dashboard.tableCaption", { title: page.title })}</caption>
              <thead>
                <tr>
                  {page.columns.map((c) => (
                    <th key={c.key} scope="col" className={c.kind === "measure" ? "num" : undefined}>{label(c.label)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r, i) => (
                  <tr key={i}>
                    {r.keys.map((k, j) => (
                      <th key={j} scope="row">{label(k)}</th>
                    ))}
                    {r.values.map((v, j) => (
                      <td key={j} className="num">{r.suppressed ? hidden : number(v)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {anySuppressed ? <p className="field-help">{t("dashboard.suppressedNote", { n: page.minCount })}</p> : null}
        </>
      )}
      <h2>{t("dashboard.downloadTitle")}</h2>
      <ul className="downloads">
        <li><a href={data("csv")} download data-testid="dashboard-csv">{t("dashboard.csv")}</a></li>
        <li><a href={data("json")} data-testid="dashboard-json">{t("dashboard.json")}</a></li>
      </ul>
    </>
  );
}
