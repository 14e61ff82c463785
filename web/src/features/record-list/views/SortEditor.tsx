// A sort of several keys, first one first (a view's, and the list's own): each key's field
// and direction, moved up or down with buttons (so the keyboard can reorder) or removed;
// only fields `order by` accepts.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Select, Space } from "antd";
import { useEffect, useRef, useState } from "react";
import type { Properties } from "../../../api/types";
import { useI18n } from "../../../app/I18nProvider";
import { isSortable, type SortDirection, type SortKey } from "../../../lib/query";

export function SortEditor({ properties, value, onChange }: { properties: Properties; value: SortKey[]; onChange: (keys: SortKey[]) => void }) {
  const { t } = useI18n();
  const sortable = Object.values(properties).filter((p) => isSortable(p.type));
  const set = (i: number, patch: Partial<SortKey>) => onChange(value.map((k, j) => (j === i ? { ...k, ...patch } : k)));
  const unused = sortable.filter((p) => !value.some((k) => k.field === p.code));
  const root = useRef<HTMLDivElement>(null);
  // After a move the focus follows the key to its new place (its button in the same
  // direction, or the other one once it reached the end), so Enter can move it on.
  const [moved, setMoved] = useState<{ index: number; up: boolean } | null>(null);
  useEffect(() => {
    if (!moved || !root.current) return;
    const button = (up: boolean) => root.current!.querySelector<HTMLButtonElement>(`[data-move="${moved.index}-${up ? "up" : "down"}"]`);
    const target = button(moved.up);
    (target && !target.disabled ? target : button(!moved.up))?.focus();
    setMoved(null);
  }, [moved]);
  const move = (i: number, by: number) => {
    const next = [...value];
    const [key] = next.splice(i, 1);
    next.splice(i + by, 0, key!);
    onChange(next);
    setMoved({ index: i + by, up: by < 0 });
  };
  return (
    <div data-testid="view-sort" ref={root}>
      {value.map((key, i) => {
        const n = i + 1;
        // A code the form no longer has (the field was removed or its code changed): named as such.
        const missing = !(key.field in properties);
        const options = sortable.map((p) => ({ value: p.code, label: p.label, disabled: p.code !== key.field && value.some((k) => k.field === p.code) }));
        return (
          <Space key={i} wrap style={{ display: "flex", marginBottom: 8 }}>
            <Select aria-label={t("views.sortField", { n })} style={{ minWidth: 160 }} value={key.field} showSearch={{ optionFilterProp: "label" }} status={missing ? "error" : undefined}
              options={missing ? [{ value: key.field, label: t("views.missingField", { code: key.field }), disabled: false }, ...options] : options}
              onChange={(field: string) => set(i, { field })} />
            <Select aria-label={t("views.sortDirection", { n })} style={{ minWidth: 110 }} value={key.direction}
              options={[{ value: "asc", label: t("views.asc") }, { value: "desc", label: t("views.desc") }]}
              onChange={(direction: SortDirection) => set(i, { direction })} />
            <Space.Compact>
              <Button data-move={`${i}-up`} icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} aria-label={t("views.sortUp", { n })} onClick={() => move(i, -1)} />
              <Button data-move={`${i}-down`} icon={<ArrowDownOutlined aria-hidden />} disabled={i === value.length - 1} aria-label={t("views.sortDown", { n })} onClick={() => move(i, 1)} />
              <Button icon={<DeleteOutlined aria-hidden />} aria-label={t("views.sortRemove", { n })} onClick={() => onChange(value.filter((_, j) => j !== i))} />
            </Space.Compact>
          </Space>
        );
      })}
      <Button icon={<PlusOutlined aria-hidden />} disabled={unused.length === 0} onClick={() => onChange([...value, { field: unused[0]!.code, direction: "asc" }])}>{t("views.sortAdd")}</Button>
    </div>
  );
}
