// One element on the designer canvas: a field card, label, spacer or border. The card is
// a drop target ("insert before me") and has a drag handle.
import { HolderOutlined } from "@ant-design/icons";
import { useDraggable, useDroppable } from "@dnd-kit/core";
import { useI18n } from "../../app/I18nProvider";
import { FieldTypeIcon } from "../../fields/FieldTypeIcon";
import { paletteTypeOf } from "../../fields/fieldTypes";
import type { DesignItem } from "./designerModel";

interface Props {
  item: DesignItem;
  selected: boolean;
  invalid: boolean;
  onSelect: (uid: string) => void;
}

export function itemTitle(item: DesignItem, t: ReturnType<typeof useI18n>["t"]): string {
  switch (item.kind) {
    case "field":
      return item.property.label || item.property.code;
    case "label":
      return item.label.replace(/<[^>]*>/g, "") || t("fieldType.LABEL");
    case "spacer":
      return t("fieldType.SPACER");
    case "hr":
      return t("fieldType.HR");
  }
}

export function CanvasItem({ item, selected, invalid, onSelect }: Props) {
  const { t } = useI18n();
  const drag = useDraggable({ id: `item:${item.uid}` });
  const drop = useDroppable({ id: `before:${item.uid}` });
  const title = itemTitle(item, t);
  const type = item.kind === "field" ? paletteTypeOf(item.property) : item.kind === "label" ? "LABEL" : item.kind === "spacer" ? "SPACER" : "HR";
  const classes = ["canvas-item", selected && "selected", invalid && "invalid", drag.isDragging && "dragging", drop.isOver && "over"]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      ref={drop.setNodeRef}
      className={classes}
      style={item.kind === "hr" ? { flexBasis: "100%" } : undefined}
      data-testid={`canvas-item-${item.kind === "field" ? item.property.code : item.uid}`}
    >
      <div className="item-label">
        <button
          type="button"
          className="drag-handle"
          ref={drag.setNodeRef}
          {...drag.listeners}
          {...drag.attributes}
          aria-label={t("designer.dragHandle", { label: title })}
        >
          <HolderOutlined aria-hidden />
        </button>
        <button
          type="button"
          onClick={() => onSelect(item.uid)}
          aria-pressed={selected}
          style={{ all: "unset", cursor: "pointer", flex: 1, display: "flex", gap: 6, alignItems: "center" }}
        >
          <FieldTypeIcon type={type} />
          <span>{title}</span>
          {item.kind === "field" && item.property.required && <span aria-hidden style={{ color: "#d4380d" }}>*</span>}
        </button>
      </div>
      <div className="item-type">
        {t(`fieldType.${type}`)}
        {item.kind === "field" && ` · ${item.property.code}`}
      </div>
      {item.kind === "hr" && <div className="canvas-hr" />}
    </div>
  );
}
