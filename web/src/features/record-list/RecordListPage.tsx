// The records of an app in one of its saved views (list or calendar, picked in the toolbar,
// kept in the URL's `view`), server-side paging with the total count, sorting by clicking a
// header or several keys in the sort panel, keyword search, filter, inline edit of a cell,
// bulk delete, and the view editor.
import { AppstoreAddOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, FormOutlined, PlusOutlined, SettingOutlined, ThunderboltOutlined, UploadOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Input, Pagination, Popconfirm, Select, Table, type TableProps } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { KintoneRecord, View } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi, useSession } from "../../app/SessionProvider";
import { FieldView } from "../../fields/FieldView";
import { conditionOf } from "../../lib/filter";
import { buildQuery, isSortable, keywordFields, parseSort, type SortKey } from "../../lib/query";
import { rememberApp } from "../../lib/recentApps";
import { EmptyState, ErrorAlert, LoadingState } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { BulkUpdateDialog } from "./BulkUpdateDialog";
import { recordExtrasApi } from "../record-form/recordExtrasApi";
import { ExportCsvDialog } from "./ExportCsvDialog";
import { FilterPanel, type Filter } from "./FilterPanel";
import { InlineEditCell, isInlineEditable } from "./InlineEditCell";
import { SelectAllTitle, VIRTUAL_TABLE_COMPONENTS, virtualRowAria, virtualTableLoading } from "./recordTableAria";
import { SortPanel } from "./SortPanel";
import { columnWidth, defaultView, listCandidates, listColumns, viewableColumns } from "./listColumns";
import { useListHeight } from "./useListHeight";
import { CalendarView } from "./views/CalendarView";
import { ViewEditor } from "./views/ViewEditor";
import { selectableViews } from "./views/viewModel";

const PAGE_SIZES = [20, 50, 100, 200, 500];
const SELECTION_WIDTH = 48;
/** Pages longer than this render only the rows in view (antd Table `virtual`); shorter ones
 *  stay a plain <table>, which screen readers announce row by row. */
const VIRTUAL_FROM = 100;

export function RecordListPage() {
  const { t } = useI18n();
  const api = useApi();
  const { state } = useSession();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const appId = useParams().appId ?? "";
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  const [sort, setSort] = useState<SortKey[] | null>(null);
  const [keyword, setKeyword] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  const [bulkUpdating, setBulkUpdating] = useState(false);
  const [filter, setFilter] = useState<Filter>({ rows: [], match: "all" });
  const [search, setSearch] = useSearchParams();
  const [editing, setEditing] = useState<"new" | "current" | null>(null);
  const listHeight = useListHeight();

  useEffect(() => {
    if (state.status === "signedIn") rememberApp(state.session.user.code, appId);
  }, [appId, state]);

  const def = useAsync(async () => {
    const [appInfo, fields, layout, views] = await Promise.all([api.app(appId), api.fields(appId, false), api.layout(appId, false), api.views(appId, false)]);
    return { app: appInfo, properties: fields.properties, layout: layout.layout, views: views.views };
  }, [api, appId]);

  // The signed-in user's app rights: actions they may not take are not offered (the server
  // refuses them anyway). Unknown (still loading or failed): offered, as before.
  const rights = useAsync(async () => recordExtrasApi(api.transport).rights(appId), [api, appId]);
  const may = (right: string) => rights.data?.app[right] !== false;
  // Without a record id rights.json answers for a record being added: a field is "editable"
  // when the user may add and the field ACL lets them write it. So only with the add right
  // does "not editable" say the field itself is read-only (else the server still decides).
  const fieldWritable = (code: string) => !(rights.data?.app.recordAddable && rights.data.fields[code]?.editable === false);

  const viewId = search.get("view");
  const view: View | undefined = useMemo(() => {
    if (!def.data) return undefined;
    return Object.values(def.data.views).find((v) => v.id === viewId && (v.type === "LIST" || v.type === "CALENDAR")) ?? defaultView(def.data.views);
  }, [def.data, viewId]);
  const columns = useMemo(() => (def.data ? listColumns(def.data.properties, def.data.layout, view?.type === "LIST" ? view : undefined) : []), [def.data, view]);
  const candidates = useMemo(() => (def.data ? listCandidates(def.data.properties, def.data.layout) : []), [def.data]);
  const chooseView = (id: string | null) => {
    setSearch(id ? { view: id } : {}, { replace: false });
    setSort(null);
    setPage(1);
    setSelected([]);
  };

  const effectiveSort = sort ?? parseSort(view?.sort ?? "");
  const condition = [view?.filterCond ?? "", conditionOf(filter.rows, filter.match)]
    .filter((c) => c.trim() !== "")
    .map((c) => `(${c})`)
    .join(" and ");
  const query = useMemo(
    () =>
      def.data && view?.type !== "CALENDAR"
        ? buildQuery({
            condition,
            keyword,
            keywordFields: keywordFields(def.data.properties),
            orderBy: effectiveSort,
            limit: pageSize,
            offset: (page - 1) * pageSize,
          })
        : null,
    [def.data, view, condition, keyword, effectiveSort, page, pageSize],
  );

  const records = useAsync(
    async () => (query === null || !def.data ? null : api.records(appId, { query, fields: [...columns, "$id", "$revision"], totalCount: true })),
    [api, appId, query, columns],
  );

  if (def.status === "error") return <ErrorAlert error={def.error} onRetry={def.reload} />;
  if (!def.data) return <LoadingState />;
  const { properties } = def.data;
  const viewOptions = selectableViews(def.data.views);

  const tableColumns: TableProps<KintoneRecord>["columns"] = viewableColumns(columns, records.data?.records).map((code) => {
    const property = properties[code]!;
    // The header shows the first key only: the others are in the sort panel.
    const key = effectiveSort[0]?.field === code ? effectiveSort[0] : undefined;
    return {
      key: code,
      dataIndex: code,
      title: property.label,
      width: columnWidth(property.type),
      sorter: isSortable(property.type),
      sortOrder: key ? (key.direction === "asc" ? "ascend" : "descend") : null,
      sortDirections: ["ascend", "descend", "ascend"],
      render: (_: unknown, record: KintoneRecord) =>
        isInlineEditable(property.type) && may("recordEditable") && fieldWritable(code) ? (
          <InlineEditCell app={appId} property={property} record={record} onSaved={records.reload} />
        ) : (
          <FieldView property={property} value={record[code]?.value} />
        ),
    };
  });
  tableColumns.unshift({
    key: "$open",
    width: 56,
    title: <span className="visually-hidden">{t("common.edit")}</span>,
    render: (_: unknown, record: KintoneRecord) => {
      const id = record.$id?.value as string;
      return (
        <Link to={`/apps/${appId}/records/${id}`} aria-label={t("records.open", { id })}>
          <FormOutlined aria-hidden />
        </Link>
      );
    },
  });

  // A header click sorts by that column alone (as kintone's list does); several keys are
  // chosen in the sort panel.
  const onChange: TableProps<KintoneRecord>["onChange"] = (_pagination, _filters, sorter, { action }) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (action !== "sort" || !s?.columnKey) return;
    const field = String(s.columnKey);
    const current = effectiveSort[0]?.field === field ? effectiveSort[0] : undefined;
    if (s.order) setSort([{ field, direction: s.order === "ascend" ? "asc" : "desc" }]);
    else if (current) setSort([{ field, direction: current.direction === "asc" ? "desc" : "asc" }]);
    setPage(1);
  };

  const rows = records.data?.records ?? [];
  // A virtual table needs numeric sizes: the columns' widths (rc-table widens them to fill
  // a wider screen) and the height of the scrolled body.
  // On the rows shown, not the page size: while a smaller page loads the big one is still shown.
  const virtual = rows.length > VIRTUAL_FROM;
  const scrollWidth = tableColumns.reduce((sum, c) => sum + (typeof c.width === "number" ? c.width : 0), SELECTION_WIDTH);
  const total = Number(records.data?.totalCount ?? 0);
  const noFields = columns.length === 0 || Object.values(properties).every((p) => ["RECORD_NUMBER", "CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME", "STATUS", "STATUS_ASSIGNEE", "CATEGORY"].includes(p.type));

  return (
    <>
      <div className="page-header">
        <h1>{def.data.app.name}</h1>
        {may("appEditable") && (
          <>
            <Link to={`/apps/${appId}/form`}><Button icon={<SettingOutlined aria-hidden />}>{t("records.formSettings")}</Button></Link>
            <Link to={`/apps/${appId}/permissions`}><Button>{t("perm.open")}</Button></Link>
            <Link to={`/apps/${appId}/public`}><Button>{t("public.open")}</Button></Link>
          </>
        )}
      </div>
      {noFields ? (
        <EmptyState message={t("records.noFields")} action={<Link to={`/apps/${appId}/form`}><Button type="primary">{t("records.formSettings")}</Button></Link>} />
      ) : (
        <>
          <div className="toolbar">
            {may("recordAddable") && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate(`/apps/${appId}/records/new`)}>{t("records.add")}</Button>}
            <Select aria-label={t("views.pick")} data-testid="view-picker" style={{ minWidth: 160, maxWidth: 280 }} value={view?.id ?? ""}
              options={viewOptions.length > 0 ? viewOptions.map((v) => ({ value: v.id, label: v.type === "CALENDAR" ? `${v.name} (${t("views.typeCalendar")})` : v.name })) : [{ value: "", label: t("views.all") }]}
              onChange={(id: string) => chooseView(id || null)} />
            {/* Views are the app's settings, saved for everyone: as in kintone, only who may
                manage the app is offered to change them (the server refuses the others). The
                sort and filter panels below change this page only and stay for everyone. */}
            {may("appEditable") && (
              <>
                <Button icon={<EditOutlined aria-hidden />} disabled={!view} onClick={() => setEditing("current")}>{t("views.edit")}</Button>
                <Button icon={<AppstoreAddOutlined aria-hidden />} onClick={() => setEditing("new")}>{t("views.add")}</Button>
              </>
            )}
            <FilterPanel properties={properties} filter={filter} onApply={(f) => { setFilter(f); setPage(1); }} />
            {view?.type !== "CALENDAR" && <SortPanel properties={properties} sort={effectiveSort} own={sort !== null} onApply={(keys) => { setSort(keys); setPage(1); }} />}
            <Input.Search allowClear aria-label={t("records.search")} placeholder={t("records.search")} style={{ maxWidth: 320 }}
              onSearch={(value) => { setKeyword(value.trim()); setPage(1); }} data-testid="record-search" />
            {selected.length > 0 && may("recordDeletable") && (
              <Popconfirm title={t("records.deleteConfirm", { n: selected.length })} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }}
                onConfirm={() => void api.deleteRecords(appId, selected).then(() => { setSelected([]); void message.success(t("records.deleted")); records.reload(); }, (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)))}>
                <Button danger icon={<DeleteOutlined aria-hidden />}>{t("records.delete")} ({selected.length})</Button>
              </Popconfirm>
            )}
            {view?.type !== "CALENDAR" && may("recordEditable") && (
              <Button icon={<ThunderboltOutlined aria-hidden />} disabled={!records.data || (total === 0 && selected.length === 0)} onClick={() => setBulkUpdating(true)}>
                {t("records.bulkUpdate")}
              </Button>
            )}
            {may("recordImportable") && <Link to={`/apps/${appId}/import`}><Button icon={<UploadOutlined aria-hidden />}>{t("records.import")}</Button></Link>}
            {may("recordExportable") && <Button icon={<DownloadOutlined aria-hidden />} onClick={() => setExporting(true)}>{t("records.exportCsv")}</Button>}
            <span className="grow" />
            <span className="muted" aria-live="polite" data-testid="record-total">{records.data ? t("records.total", { n: total.toLocaleString() }) : ""}</span>
          </div>
          {view?.type === "CALENDAR" ? (
            <CalendarView app={appId} view={view} properties={properties}
              condition={[condition, keyword ? buildQuery({ keyword, keywordFields: keywordFields(properties) }) : ""].filter((c) => c !== "").map((c) => `(${c})`).join(" and ")} />
          ) : (
          <>
          {records.status === "error" && (
            <ErrorAlert error={records.error} onRetry={records.reload} testId="records-error"
              // The server carries renamed and removed fields into views (77129b9), but a view's
              // filter or sort still fails for a user whose field permissions hide a field it
              // names (GAIA_IQ11), and a view stored by a version before that can name a field
              // long gone. Who may change views gets the editor; others are told whom to ask.
              hint={view && (view.filterCond || view.sort) ? (
                <>
                  {t("records.viewMayBeStale", { view: view.name })}{" "}
                  {may("appEditable")
                    ? <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing("current")}>{t("views.edit")}</Button>
                    : t("records.viewAskAdmin")}
                </>
              ) : undefined} />
          )}
          {/* A virtual list draws div rows: this wrapper is their table (see recordTableAria). */}
          <div {...(virtual ? { role: "table", "aria-label": t("records.tableLabel", { app: def.data.app.name }), "aria-rowcount": rows.length + 1, "aria-busy": records.status === "loading" } : {})} data-testid="record-table">
          <Table<KintoneRecord>
            rowKey={(r) => r.$id?.value as string}
            columns={tableColumns}
            dataSource={rows}
            loading={virtual ? virtualTableLoading(records.status === "loading") : records.status === "loading"}
            onChange={onChange}
            // Only over the sort icon: a header-wide tooltip covers the toolbar above it.
            showSorterTooltip={{ target: "sorter-icon" }}
            size="middle"
            virtual={virtual}
            components={virtual ? VIRTUAL_TABLE_COMPONENTS : undefined}
            scroll={virtual ? { x: scrollWidth, y: listHeight } : { x: "max-content" }}
            rowSelection={{
              columnWidth: SELECTION_WIDTH, selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)),
              columnTitle: (checkbox) => <SelectAllTitle checkbox={checkbox} />,
              getTitleCheckboxProps: () => ({ "aria-label": t("records.selectAll") }),
              getCheckboxProps: (record) => ({ "aria-label": t("records.selectRow", { id: record.$id?.value as string }) }),
            }}
            onRow={(record, index) => ({
              onDoubleClick: () => navigate(`/apps/${appId}/records/${record.$id?.value as string}`),
              ...(virtual ? virtualRowAria(index) : {}),
            })}
            locale={{ emptyText: records.status === "error" ? t("records.notShown") : keyword || filter.rows.length > 0 ? t("records.noMatch") : t("records.empty") }}
            // Outside the table: in a virtual list it would sit inside role=table.
            pagination={false}
          />
          </div>
          {total > 0 && (
            // Laid out as antd's own table pager (small beside a "middle" table, wrapping on a
            // phone); the offset is capped at 10,000.
            <Pagination align="end" style={{ margin: "16px 0", flexWrap: "wrap", rowGap: 8 }} size="small" current={page} pageSize={pageSize} total={Math.min(total, 10_000 + pageSize)}
              pageSizeOptions={PAGE_SIZES} showSizeChanger
              onChange={(next, size) => { if (size !== pageSize) { setPageSize(size); setPage(1); } else setPage(next); }} />
          )}
          </>
          )}
          <ExportCsvDialog open={exporting} onClose={() => setExporting(false)} app={appId} appName={def.data.app.name} properties={properties} columns={columns}
            query={buildQuery({ condition, keyword, keywordFields: keywordFields(properties), orderBy: effectiveSort })} />
          {bulkUpdating && <BulkUpdateDialog app={appId} properties={properties} selected={selected} matching={total}
            condition={buildQuery({ condition, keyword, keywordFields: keywordFields(properties) })}
            onClose={(changed) => { setBulkUpdating(false); if (changed) { setSelected([]); records.reload(); } }} />}
          {may("appEditable") && <ViewEditor app={appId} open={editing !== null} view={editing === "current" ? (view ?? null) : null} views={def.data.views} properties={properties}
            columns={columns} candidates={candidates} onClose={() => setEditing(null)}
            onSaved={(live, name) => {
              setEditing(null);
              def.reload();
              const saved = name === null ? undefined : Object.values(live).find((v) => v.name === name);
              chooseView(saved?.id ?? null);
            }} />}
        </>
      )}
    </>
  );
}
