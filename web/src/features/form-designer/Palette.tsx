// The palette of field types. Each entry can be dragged onto the form or activated with
// Enter/Space (or a click) to add the field at the end of the form.
import { useDraggable } from "@dnd-kit/core";
import { useI18n } from "../../app/I18nProvider";
import { FieldTypeIcon } from "../../fields/FieldTypeIcon";
import { FIELD_TYPES, type PaletteType } from "../../fields/fieldTypes";

function PaletteEntry({ type, onAdd }: { type: PaletteType; onAdd: (type: PaletteType) => void }) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef } = useDraggable({ id: `palette:${type}` });
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        className="palette-item"
        data-testid={`palette-${type}`}
        {...listeners}
        {...attributes}
        onClick={() => onAdd(type)}
        onKeyDown={(event) => {
          // Enter adds at the end; Space starts a keyboard drag (dnd-kit).
          if (event.key === "Enter") {
            event.preventDefault();
            onAdd(type);
          } else {
            listeners?.onKeyDown?.(event);
          }
        }}
      >
        <FieldTypeIcon type={type} />
        <span className="palette-label">{t(`fieldType.${type}`)}</span>
      </button>
    </li>
  );
}

export function Palette({ onAdd }: { onAdd: (type: PaletteType) => void }) {
  const { t } = useI18n();
  return (
    <nav className="designer-panel" aria-labelledby="palette-heading">
      <h2 id="palette-heading">{t("designer.palette")}</h2>
      <p className="muted" style={{ fontSize: 12, marginTop: 0 }}>
        {t("designer.paletteHelp")}
      </p>
      <ul className="palette-list">
        {FIELD_TYPES.filter((info) => info.inPalette).map((info) => (
          <PaletteEntry key={info.type} type={info.type} onAdd={onAdd} />
        ))}
      </ul>
    </nav>
  );
}
