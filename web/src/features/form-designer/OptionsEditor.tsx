// Options of a choice field: edit, add, remove, and reorder by drag or by buttons.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined, PlusOutlined } from "@ant-design/icons";
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Button, Input } from "antd";
import { useRef } from "react";
import { useI18n } from "../../app/I18nProvider";

interface Props {
  labels: string[];
  onChange: (labels: string[]) => void;
}

function OptionRow(props: { id: string; index: number; count: number; value: string; onEdit: (v: string) => void; onMove: (to: number) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({ id: props.id });
  const n = props.index + 1;
  return (
    <div ref={setNodeRef} className="option-row" style={{ transform: CSS.Transform.toString(transform), transition }}>
      <button type="button" className="row-handle" {...attributes} {...listeners} aria-label={t("designer.dragHandle", { label: props.value })}>
        <HolderOutlined aria-hidden />
      </button>
      <Input
        value={props.value}
        aria-label={t("prop.optionPlaceholder", { n })}
        onChange={(e) => props.onEdit(e.target.value)}
        data-testid={`option-${props.index}`}
      />
      <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={`${t("common.moveUp")}: ${props.value}`} disabled={props.index === 0} onClick={() => props.onMove(props.index - 1)} />
      <Button size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={`${t("common.moveDown")}: ${props.value}`} disabled={props.index === props.count - 1} onClick={() => props.onMove(props.index + 1)} />
      <Button size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`${t("common.remove")}: ${props.value}`} disabled={props.count <= 1} onClick={props.onRemove} />
    </div>
  );
}

export function OptionsEditor({ labels, onChange }: Props) {
  const { t } = useI18n();
  // Stable ids per position so typing does not remount inputs.
  const ids = useRef<string[]>([]);
  while (ids.current.length < labels.length) ids.current.push(`opt-${Math.random().toString(36).slice(2)}`);
  ids.current.length = labels.length;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const move = (from: number, to: number) => {
    ids.current = arrayMove(ids.current, from, to);
    onChange(arrayMove(labels, from, to));
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(ids.current.indexOf(String(active.id)), ids.current.indexOf(String(over.id)));
  };
  return (
    <div>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={ids.current} strategy={verticalListSortingStrategy}>
          {labels.map((label, i) => (
            <OptionRow
              key={ids.current[i]}
              id={ids.current[i]!}
              index={i}
              count={labels.length}
              value={label}
              onEdit={(v) => onChange(labels.map((l, j) => (j === i ? v : l)))}
              onMove={(to) => move(i, to)}
              onRemove={() => {
                ids.current.splice(i, 1);
                onChange(labels.filter((_, j) => j !== i));
              }}
            />
          ))}
        </SortableContext>
      </DndContext>
      <Button
        icon={<PlusOutlined aria-hidden />}
        size="small"
        onClick={() => {
          let n = labels.length + 1;
          while (labels.includes(t("prop.optionPlaceholder", { n }))) n++;
          onChange([...labels, t("prop.optionPlaceholder", { n })]);
        }}
      >
        {t("prop.addOption")}
      </Button>
    </div>
  );
}
