// The list columns of a view: the chosen fields in order, each movable with buttons (so
// the keyboard can do it) and removable, plus a picker to add the others.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Select, Space, Typography } from "antd";
import type { Properties } from "../../../api/types";
import { useI18n } from "../../../app/I18nProvider";

export function ColumnPicker({ properties, candidates, value, onChange }: { properties: Properties; candidates: string[]; value: string[]; onChange: (fields: string[]) => void }) {
  const { t } = useI18n();
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
  };
  const rest = candidates.filter((c) => !value.includes(c));
  return (
    <div data-testid="view-columns">
      <ol className="column-list">
        {value.map((code, i) => {
          // A code the form no longer has (the field was removed or its code changed).
          const missing = !(code in properties);
          const label = missing ? t("views.missingField", { code }) : properties[code]!.label;
          return (
            <li key={code}>
              <Typography.Text className="grow" type={missing ? "danger" : undefined}>{label}</Typography.Text>
              <Space.Compact>
                <Button size="small" icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} aria-label={t("views.columnUp", { label })} onClick={() => move(i, -1)} />
                <Button size="small" icon={<ArrowDownOutlined aria-hidden />} disabled={i === value.length - 1} aria-label={t("views.columnDown", { label })} onClick={() => move(i, 1)} />
                <Button size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t("views.columnRemove", { label })} onClick={() => onChange(value.filter((c) => c !== code))} />
              </Space.Compact>
            </li>
          );
        })}
      </ol>
      <Select aria-label={t("views.columnAdd")} placeholder={t("views.columnAdd")} style={{ width: "100%" }} value={null} disabled={rest.length === 0}
        showSearch={{ optionFilterProp: "label" }} options={rest.map((c) => ({ value: c, label: properties[c]?.label ?? c }))}
        onChange={(code: string) => onChange([...value, code])} />
    </div>
  );
}
