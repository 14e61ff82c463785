// An ordered list whose items move by drag (dnd-kit, also with the keyboard: focus the
// handle, Space, arrows, Space) and by "move up/down" buttons, since the order decides.
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { HolderOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";

export interface DragHandle {
  /** The handle button, to put in the item's header. */
  handle: ReactNode;
}

function Item({ id, label, children }: { id: string; label: string; children: (h: DragHandle) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const handle = (
    <button type="button" className="perm-drag-handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={label}>
      <HolderOutlined aria-hidden />
    </button>
  );
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}>
      {children({ handle })}
    </li>
  );
}

export function SortableList({ ids, dragLabel, onMove, children, testId }: {
  ids: string[];
  dragLabel: (index: number) => string;
  onMove: (from: number, to: number) => void;
  children: (index: number, h: DragHandle) => ReactNode;
  testId?: string;
}) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className="perm-list" data-testid={testId}>
          {ids.map((id, i) => (
            <Item key={id} id={id} label={dragLabel(i)}>
              {(h) => children(i, h)}
            </Item>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
