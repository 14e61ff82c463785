// The form being designed: rows of items with drop zones between rows (new row), at the
// end of each row (side by side), inside tables (table columns) and inside field groups.
import { HolderOutlined } from "@ant-design/icons";
import { useDraggable, useDroppable } from "@dnd-kit/core";
import { useI18n } from "../../app/I18nProvider";
import { FieldTypeIcon } from "../../fields/FieldTypeIcon";
import { CanvasItem } from "./CanvasItem";
import { blockEnd, type DesignForm, type DesignRow } from "./designerModel";

interface Props {
  form: DesignForm;
  selected: string | null;
  invalid: ReadonlySet<string>;
  onSelect: (uid: string) => void;
}

/** A drop zone for a new row at `index`; inside a group (`group` = its header row) for the group's zones. */
function Gap({ index, empty, group, groupEnd }: { index: number; empty: boolean; group?: string; groupEnd?: boolean }) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: group ? `gap:${index}:${group}` : `gap:${index}` });
  const classes = ["gap", isOver && "over", empty && "empty-canvas", groupEnd && "group-drop"].filter(Boolean).join(" ");
  return (
    <div ref={setNodeRef} className={classes} data-testid={group ? (groupEnd ? `group-drop-${group}` : `group-gap-${index}`) : `gap-${index}`}>
      {empty ? t("designer.canvasEmpty") : groupEnd ? t("designer.groupDrop") : <span className="visually-hidden">{t("designer.newRow")}</span>}
    </div>
  );
}

function RowEnd({ rowUid, table }: { rowUid: string; table: boolean }) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: `rowEnd:${rowUid}` });
  return (
    <div
      ref={setNodeRef}
      className={`${table ? "table-drop" : "row-end"}${isOver ? " over" : ""}`}
      data-testid={`row-end-${rowUid}`}
    >
      {table && t("designer.tableDrop")}
    </div>
  );
}

function RowHandle({ rowUid }: { rowUid: string }) {
  const { t } = useI18n();
  const { setNodeRef, listeners, attributes } = useDraggable({ id: `row:${rowUid}` });
  return (
    <button type="button" className="row-handle" ref={setNodeRef} {...listeners} {...attributes} aria-label={t("designer.rowHandle")}>
      <HolderOutlined aria-hidden />
    </button>
  );
}

/** A field group: its own card, then its rows with drop zones between them and at the end. */
function GroupBlock({ form, index, selected, invalid, onSelect }: { form: DesignForm; index: number } & Omit<Props, "form">) {
  const { t } = useI18n();
  const row = form.rows[index];
  if (row?.kind !== "group") return null;
  const end = blockEnd(form, index);
  const members = form.rows.slice(index + 1, end);
  return (
    <div className="canvas-row" data-testid={`group-${row.group.property.code}`}>
      <RowHandle rowUid={row.uid} />
      <div className={`canvas-group${selected === row.group.uid ? " selected" : ""}`} role="group" aria-label={row.group.property.label || row.group.property.code}>
        <div className="canvas-row-items">
          <CanvasItem item={row.group} selected={selected === row.group.uid} invalid={invalid.has(row.group.uid)} onSelect={onSelect} />
          <span className="muted group-count">{t("prop.groupRows", { n: members.length })}</span>
        </div>
        {members.map((member, i) => (
          <div key={member.uid}>
            <Gap index={index + 1 + i} empty={false} group={row.uid} />
            <Row row={member} selected={selected} invalid={invalid} onSelect={onSelect} />
          </div>
        ))}
        <Gap index={end} empty={false} group={row.uid} groupEnd />
      </div>
    </div>
  );
}

function Row({ row, selected, invalid, onSelect }: { row: DesignRow } & Omit<Props, "form">) {
  const { t } = useI18n();
  if (row.kind === "group") return null;
  if (row.kind === "subtable") {
    const table = row.table;
    return (
      <div className="canvas-row" data-testid={`table-${table.property.code}`}>
        <RowHandle rowUid={row.uid} />
        <div className={`canvas-table${selected === table.uid ? " selected" : ""}`}>
          <button
            type="button"
            onClick={() => onSelect(table.uid)}
            aria-pressed={selected === table.uid}
            className="item-label"
            style={{ all: "unset", cursor: "pointer", display: "flex", gap: 6, alignItems: "center", fontWeight: 600, marginBottom: 6 }}
            data-testid={`canvas-item-${table.property.code}`}
          >
            <FieldTypeIcon type="SUBTABLE" />
            {table.property.label || table.property.code}
            <span className="muted" style={{ fontWeight: 400 }}>
              {t("prop.tableFields", { n: row.items.length })}
            </span>
          </button>
          <div className="canvas-table-items">
            {row.items.map((item) => (
              <CanvasItem key={item.uid} item={item} selected={selected === item.uid} invalid={invalid.has(item.uid)} onSelect={onSelect} />
            ))}
            <RowEnd rowUid={row.uid} table />
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="canvas-row">
      <RowHandle rowUid={row.uid} />
      <div className="canvas-row-items">
        {row.items.map((item) => (
          <CanvasItem key={item.uid} item={item} selected={selected === item.uid} invalid={invalid.has(item.uid)} onSelect={onSelect} />
        ))}
        <RowEnd rowUid={row.uid} table={false} />
      </div>
    </div>
  );
}

export function FormCanvas({ form, selected, invalid, onSelect }: Props) {
  const { t } = useI18n();
  return (
    <section className="designer-panel" aria-labelledby="canvas-heading">
      <h2 id="canvas-heading">{t("designer.canvas")}</h2>
      <div className="canvas" data-testid="canvas">
        {form.rows.map((row, index) =>
          row.kind === "row" && row.inGroup !== undefined ? null : (
            <div key={row.uid}>
              <Gap index={index} empty={false} />
              {row.kind === "group" ? (
                <GroupBlock form={form} index={index} selected={selected} invalid={invalid} onSelect={onSelect} />
              ) : (
                <Row row={row} selected={selected} invalid={invalid} onSelect={onSelect} />
              )}
            </div>
          ),
        )}
        <Gap index={form.rows.length} empty={form.rows.length === 0} />
      </div>
    </section>
  );
}
