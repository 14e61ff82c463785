// The view editor: name, list or calendar, columns (list) or date and title (calendar),
// filter (condition builder, or the query text when the builder cannot show it) and sort.
// Saving publishes the view to everyone using the app.
import { Alert, App as AntApp, Button, Drawer, Form, Input, Popconfirm, Radio, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { isApiError } from "../../../api/errors";
import type { Properties, View } from "../../../api/types";
import { useI18n } from "../../../app/I18nProvider";
import { useApi } from "../../../app/SessionProvider";
import { conditionOf, rowsOf } from "../../../lib/filter";
import { ErrorAlert } from "../../../ui/PageState";
import { ConditionEditor, type Filter } from "../FilterPanel";
import { ColumnPicker } from "./ColumnPicker";
import { checkDraftQuery, DeployFailedError, hasPendingChanges, publishViews } from "./saveViews";
import { SortEditor } from "./SortEditor";
import { calendarDateFields, draftOf, draftProblems, viewsWith, viewsWithout, type ViewDraft } from "./viewModel";

interface Props {
  app: string;
  open: boolean;
  /** The view being edited, or null for a new one. */
  view: View | null;
  views: Record<string, View>;
  properties: Properties;
  /** Fields a list can show, in form order (the new view's default columns). */
  columns: string[];
  candidates: string[];
  onClose: () => void;
  /** Called with the live views after a save or delete, and the name to show. */
  onSaved: (views: Record<string, View>, name: string | null) => void;
}

export function ViewEditor({ app, open, view, views, properties, columns, candidates, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const api = useApi();
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<ViewDraft>(() => draftOf(view ?? undefined, columns));
  const [filter, setFilter] = useState<Filter | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!open) return;
    const next = draftOf(view ?? undefined, columns);
    setDraft(next);
    setFilter(rowsOf(next.filterCond));
    setShowErrors(false);
    setError(null);
    void hasPendingChanges(api, app).then(setPending, () => setPending(false));
  }, [open, view, columns, api, app]);

  const original = view?.name ?? null;
  const effective: ViewDraft = filter ? { ...draft, filterCond: conditionOf(filter.rows, filter.match) } : draft;
  const problems = draftProblems(effective, views, original);
  const dateFields = calendarDateFields(properties);

  const run = async (work: () => Promise<Record<string, View>>, name: string | null, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const live = await work();
      void message.success(done);
      onSaved(live, name);
    } catch (e) {
      setError(e instanceof DeployFailedError ? new Error(t("views.deployFailed", { status: e.message })) : e);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setShowErrors(true);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      await checkDraftQuery(api, app, effective);
    } catch (e) {
      setBusy(false);
      setError(isApiError(e) ? new Error(t("views.badQuery", { message: e.message })) : e);
      return;
    }
    await run(() => publishViews(api, app, (current) => viewsWith(current, effective, original)), effective.name.trim(), t("views.saved"));
  };

  const problem = (p: string) => showErrors && problems.includes(p as never);
  return (
    <Drawer open={open} onClose={onClose} title={view ? t("views.editTitle", { name: view.name }) : t("views.newTitle")} size="min(640px, 100vw)" destroyOnHidden
      footer={
        <Space wrap>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="view-save">{t("views.save")}</Button>
          <Button onClick={onClose} disabled={busy}>{t("common.cancel")}</Button>
          {view && (
            <Popconfirm title={t("views.deleteConfirm", { name: view.name })} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }}
              onConfirm={() => void run(() => publishViews(api, app, (current) => viewsWithout(current, view.name)), null, t("views.deleted"))}>
              <Button danger disabled={busy}>{t("views.delete")}</Button>
            </Popconfirm>
          )}
        </Space>
      }>
      <Form layout="vertical" data-testid="view-editor" onSubmitCapture={(e) => e.preventDefault()}>
        {pending && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("views.pendingChanges")} />}
        {error !== null && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
        <Form.Item label={t("views.name")} htmlFor="view-name" required validateStatus={problem("nameRequired") || problem("nameTaken") ? "error" : undefined}
          help={problem("nameRequired") ? t("views.nameRequired") : problem("nameTaken") ? t("views.nameTaken") : undefined}>
          <Input id="view-name" maxLength={64} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Form.Item>
        <Form.Item label={t("views.type")}>
          <Radio.Group value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value as ViewDraft["type"] })}
            options={[{ value: "LIST", label: t("views.typeList") }, { value: "CALENDAR", label: t("views.typeCalendar"), disabled: dateFields.length === 0 }]} />
        </Form.Item>
        {draft.type === "LIST" ? (
          <Form.Item label={t("views.columns")} validateStatus={problem("noColumns") ? "error" : undefined} help={problem("noColumns") ? t("views.noColumns") : undefined}>
            <ColumnPicker properties={properties} candidates={candidates} value={draft.fields} onChange={(fields) => setDraft({ ...draft, fields })} />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t("views.dateField")} required htmlFor="view-date" validateStatus={problem("dateRequired") ? "error" : undefined} help={problem("dateRequired") ? t("views.dateRequired") : undefined}>
              <Select id="view-date" aria-label={t("views.dateField")} value={draft.date || null} options={dateFields.map((c) => ({ value: c, label: properties[c]!.label }))}
                onChange={(date: string) => setDraft({ ...draft, date })} />
            </Form.Item>
            <Form.Item label={t("views.titleField")} htmlFor="view-title">
              <Select id="view-title" aria-label={t("views.titleField")} allowClear value={draft.title || null} options={candidates.map((c) => ({ value: c, label: properties[c]?.label ?? c }))}
                onChange={(title: string | undefined) => setDraft({ ...draft, title: title ?? "" })} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t("views.filter")}>
          {filter ? (
            <ConditionEditor properties={properties} value={filter} onChange={setFilter} />
          ) : (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t("views.filterAsText")} />
              <Input.TextArea aria-label={t("views.filterText")} autoSize={{ minRows: 2 }} value={draft.filterCond} onChange={(e) => setDraft({ ...draft, filterCond: e.target.value })} />
            </>
          )}
        </Form.Item>
        <Form.Item label={t("views.sort")}>
          <SortEditor properties={properties} value={draft.sort} onChange={(sort) => setDraft({ ...draft, sort })} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
