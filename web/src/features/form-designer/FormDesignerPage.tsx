// The form designer: palette, canvas and settings panel, with save / update app /
// discard. Drag and drop through dnd-kit (mouse, touch and keyboard).
import { CloudUploadOutlined, SaveOutlined, TableOutlined, UndoOutlined } from "@ant-design/icons";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { App as AntApp, Alert, Button, Popconfirm, Space, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useBlocker, useParams } from "react-router";
import type { FieldType } from "../../api/types";
import { isApiError, ErrorCodes } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { isLayoutOnly, newFieldProperty, type PaletteType } from "../../fields/fieldTypes";
import { codeFromLabel } from "../../lib/fieldCode";
import { ErrorAlert, errorMessage, LoadingState } from "../../ui/PageState";
import { itemTitle } from "./CanvasItem";
import {
  addItem,
  allFields,
  findItem,
  moveItem,
  moveRow,
  removeItem,
  setOptionLabels,
  stepRow,
  takenCodes,
  updateField,
  updateLabel,
  type DesignItem,
  type DropTarget,
} from "./designerModel";
import { FormCanvas } from "./FormCanvas";
import { Palette } from "./Palette";
import { PropertyPanel, type MoveDirection } from "./PropertyPanel";
import { useDesigner } from "./useDesigner";

function targetOf(overId: string): DropTarget | null {
  const [kind, rest] = [overId.slice(0, overId.indexOf(":")), overId.slice(overId.indexOf(":") + 1)];
  if (kind === "before") return { kind: "before", uid: rest };
  if (kind === "rowEnd") return { kind: "rowEnd", rowUid: rest };
  if (kind === "gap") {
    const [index, group] = rest.split(":");
    return group ? { kind: "newRow", index: Number(index), group } : { kind: "newRow", index: Number(index) };
  }
  return null;
}

const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

export function FormDesignerPage() {
  const { t } = useI18n();
  const api = useApi();
  const { message } = AntApp.useApp();
  const app = useParams().appId ?? "";
  const d = useDesigner(api, app);
  const { form, setForm, uid } = d;
  const [selected, setSelected] = useState<string | null>(null);
  const [dragLabel, setDragLabel] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor));

  const blocker = useBlocker(({ currentLocation, nextLocation }) => d.dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(t("designer.leaveWarning"))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);
  useEffect(() => {
    if (!d.dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [d.dirty]);

  const newItem = useCallback(
    (type: PaletteType): DesignItem => {
      if (type === "LABEL") return { uid: uid(), kind: "label", label: t("fieldType.LABEL") };
      if (type === "SPACER") return { uid: uid(), kind: "spacer", elementId: `spacer_${Date.now()}` };
      if (type === "HR") return { uid: uid(), kind: "hr" };
      const label = t(`fieldType.${type}`);
      const code = codeFromLabel(label, takenCodes(form));
      return { uid: uid(), kind: "field", property: newFieldProperty(type as FieldType | "LOOKUP", code, label) };
    },
    [form, t, uid],
  );

  const add = (type: PaletteType, target: DropTarget = { kind: "newRow", index: form.rows.length }) => {
    const item = newItem(type);
    setForm((f) => addItem(f, item, target, uid));
    if (!isLayoutOnly(type) || type === "LABEL") setSelected(item.uid);
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const id = String(active.id);
    if (id.startsWith("palette:")) setDragLabel(t(`fieldType.${id.slice(8) as PaletteType}`));
    else if (id.startsWith("item:")) {
      const found = findItem(form, id.slice(5));
      setDragLabel(found ? itemTitle(found.item, t) : null);
    } else setDragLabel(null);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragLabel(null);
    if (!over) return;
    const id = String(active.id);
    const overId = String(over.id);
    if (id.startsWith("row:")) {
      const rowUid = id.slice(4);
      const from = form.rows.findIndex((r) => r.uid === rowUid);
      const target = targetOf(overId);
      if (target?.kind === "newRow") setForm((f) => moveRow(f, rowUid, target.index > from ? target.index - 1 : target.index, target.group));
      return;
    }
    const target = targetOf(overId);
    if (!target) return;
    if (id.startsWith("palette:")) add(id.slice(8) as PaletteType, target);
    else if (id.startsWith("item:")) setForm((f) => moveItem(f, id.slice(5), target, uid));
  };

  const move = (direction: MoveDirection) => {
    if (!selected) return;
    const at = findItem(form, selected);
    if (!at) return;
    const row = form.rows[at.rowIndex]!;
    if (at.itemIndex < 0 || direction === "up" || direction === "down") {
      if (at.itemIndex < 0 || (row.kind === "row" && row.items.length === 1)) {
        setForm((f) => stepRow(f, row.uid, direction === "up" || direction === "left" ? "up" : "down"));
      } else {
        const index = direction === "up" ? at.rowIndex : at.rowIndex + 1;
        const group = row.kind === "row" ? row.inGroup : undefined;
        setForm((f) => moveItem(f, selected, { kind: "newRow", index, group }, uid));
      }
      return;
    }
    const items = row.kind === "subtable" ? row.items : row.kind === "row" ? row.items : [];
    if (direction === "left" && at.itemIndex > 0) setForm((f) => moveItem(f, selected, { kind: "before", uid: items[at.itemIndex - 1]!.uid }, uid));
    if (direction === "right" && at.itemIndex < items.length - 1) {
      const after = items[at.itemIndex + 2];
      setForm((f) => moveItem(f, selected, after ? { kind: "before", uid: after.uid } : { kind: "rowEnd", rowUid: row.uid }, uid));
    }
  };

  if (d.loadError) return <ErrorAlert error={d.loadError} onRetry={() => void d.reload()} />;
  if (!d.loaded) return <LoadingState />;

  const selectedItem = selected ? (findItem(form, selected)?.item ?? null) : null;
  const serverErrorUids = new Set(
    Object.keys(d.serverErrors).flatMap((code) => {
      const match = form.rows.flatMap((r) => (r.kind === "row" ? r.items : r.kind === "subtable" ? [r.table, ...r.items] : [r.group]));
      return match.filter((i) => i.kind === "field" && (i.property.code === code || i.originalCode === code)).map((i) => i.uid);
    }),
  );
  const invalid = new Set([...d.problems.keys(), ...serverErrorUids]);
  const selectedServerErrors =
    selectedItem?.kind === "field"
      ? (d.serverErrors[selectedItem.property.code] ?? (selectedItem.originalCode ? d.serverErrors[selectedItem.originalCode] : undefined))
      : undefined;
  const conflict = isApiError(d.actionError, ErrorCodes.settingsConflict);
  // Fields other settings may name: the form's fields with values (not the selected one,
  // nor table columns) and the record number.
  const formFields = [
    ...form.hidden.filter((p) => p.type === "RECORD_NUMBER"),
    ...allFields(form)
      .filter((f) => f.uid !== selected && !form.rows.some((r) => r.kind === "subtable" && r.items.includes(f)))
      .map((f) => f.property)
      .filter((p) => !["GROUP", "REFERENCE_TABLE", "SUBTABLE"].includes(p.type)),
  ].map((p) => ({ code: p.code, label: p.label, type: p.type }));
  const fieldLabel = (code: string) => allFields(form).find((f) => f.property.code === code || f.originalCode === code)?.property.label || code;

  return (
    <>
      <div className="page-header">
        <h1>{t("designer.title", { app: d.loaded.name })}</h1>
        {d.dirty && <Tag color="orange">{t("designer.unsaved")}</Tag>}
        {invalid.size > 0 && <Tag color="red">{t("designer.hasErrors", { n: invalid.size })}</Tag>}
        <Space wrap>
          <Link to={`/apps/${app}`}>
            <Button icon={<TableOutlined aria-hidden />}>{t("designer.openRecords")}</Button>
          </Link>
          <Popconfirm title={t("designer.discardConfirm")} okText={t("designer.discard")} cancelText={t("common.cancel")} onConfirm={() => void d.discard().then(() => setSelected(null))}>
            <Button icon={<UndoOutlined aria-hidden />} disabled={d.busy}>{t("designer.discard")}</Button>
          </Popconfirm>
          <Button icon={<SaveOutlined aria-hidden />} disabled={d.busy || !d.dirty} onClick={() => {
            if (d.problems.size > 0) { void message.error(t("designer.invalid")); return; }
            void d.save().then((ok) => ok && message.success(t("designer.saved")));
          }}>
            {t("designer.save")}
          </Button>
          <Button type="primary" icon={<CloudUploadOutlined aria-hidden />} loading={d.busy} onClick={() => {
            if (d.problems.size > 0) { void message.error(t("designer.invalid")); return; }
            void d.deploy().then((status) => {
              if (status === "SUCCESS") void message.success(t("designer.deployed"));
            });
          }}>
            {t("designer.deploy")}
          </Button>
        </Space>
      </div>
      {d.deployFailed !== null && !conflict ? (
        <div style={{ marginBottom: 12 }}>
          <Alert type="error" showIcon role="alert" data-testid="deploy-failed" title={t("designer.deployFailedTitle")}
            description={
              <ul className="plain-list">
                {Object.keys(d.serverErrors).length > 0
                  ? Object.entries(d.serverErrors).map(([code, e]) => <li key={code}>{`${fieldLabel(code)}: ${e.messages.join(" ")}`}</li>)
                  : <li>{d.actionError !== null ? errorMessage(d.actionError, t("common.networkError")) : t("designer.deployFailed", { status: d.deployFailed })}</li>}
              </ul>
            } />
        </div>
      ) : d.actionError !== null && (
        <div style={{ marginBottom: 12 }}>
          {conflict ? (
            <Alert type="warning" showIcon role="alert" title={t("designer.conflict")} action={<Button onClick={() => void d.reload()}>{t("common.retry")}</Button>} />
          ) : Object.keys(d.serverErrors).length > 0 ? (
            <Alert type="error" showIcon role="alert" title={t("designer.invalid")} />
          ) : (
            <ErrorAlert error={d.actionError} />
          )}
        </div>
      )}
      <DndContext sensors={sensors} collisionDetection={collision} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragLabel(null)}>
        <div className="designer">
          <Palette onAdd={(type) => add(type)} />
          <FormCanvas form={form} selected={selected} invalid={invalid} onSelect={setSelected} />
          <PropertyPanel
            item={selectedItem}
            problems={selected ? d.problems.get(selected) : undefined}
            serverErrors={selectedServerErrors}
            onChange={(patch) => {
              if (!selected || selectedItem?.kind !== "field") return;
              const p = selectedItem.property;
              const auto = { ...patch };
              if (patch.label !== undefined && !selectedItem.originalCode) {
                const taken = takenCodes(form, selected);
                if (p.code === codeFromLabel(p.label, taken)) auto.code = codeFromLabel(patch.label, taken);
              }
              setForm((f) => updateField(f, selected, auto));
            }}
            onLabelText={(text) => selected && setForm((f) => updateLabel(f, selected, text))}
            onOptions={(labels) => selected && setForm((f) => setOptionLabels(f, selected, labels))}
            onRemove={() => {
              if (!selected) return;
              setForm((f) => removeItem(f, selected));
              setSelected(null);
            }}
            onMove={move}
            formFields={formFields}
          />
        </div>
        <DragOverlay dropAnimation={null}>{dragLabel && <div className="canvas-item selected">{dragLabel}</div>}</DragOverlay>
      </DndContext>
    </>
  );
}
