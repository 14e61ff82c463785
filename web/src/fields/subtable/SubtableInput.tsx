// SUBTABLE: rows of inner fields; add a row after any row, move rows up and down, remove
// rows. Cell errors from the server appear in the cell they concern.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import type { SubtableRow } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { cellKey } from "../../lib/errorKeys";
import { isInputType, newSubtableRow } from "../../lib/fieldValue";
import { FieldInput } from "../FieldInput";
import { FieldView } from "../FieldView";
import type { FieldInputProps } from "../inputProps";

// Rows not yet saved have no id; a key tied to the row object keeps React (and the focus)
// with the row when it moves, instead of with its position.
const rowKeys = new WeakMap<SubtableRow, string>();
let nextKey = 0;
function rowKey(row: SubtableRow): string {
  if (row.id) return row.id;
  let key = rowKeys.get(row);
  if (!key) rowKeys.set(row, (key = `new-${++nextKey}`));
  return key;
}

export function SubtableInput({ property, value, onChange, id, cellErrors }: FieldInputProps) {
  const { t } = useI18n();
  const inner = Object.values(property.fields ?? {});
  const rows = (value as SubtableRow[] | null) ?? [];
  const setCell = (rowIndex: number, code: string, cell: SubtableRow["value"][string]["value"]) =>
    onChange(rows.map((row, i) => {
      if (i !== rowIndex) return row;
      const changed = { ...row, value: { ...row.value, [code]: { ...row.value[code], value: cell } } };
      if (!row.id) rowKeys.set(changed, rowKey(row));
      return changed;
    }));
  const move = (from: number, to: number) => {
    const next = [...rows];
    const [row] = next.splice(from, 1);
    next.splice(to, 0, row!);
    onChange(next);
  };
  const insertAfter = (rowIndex: number) => {
    const next = [...rows];
    next.splice(rowIndex + 1, 0, newSubtableRow(property, new Date()));
    onChange(next);
  };
  return (
    <div className="subtable" id={id}>
      <table>
        <thead>
          <tr>
            {inner.map((f) => (
              <th key={f.code} scope="col">
                {f.label}
                {f.required && <span aria-hidden style={{ color: "#d4380d" }}> *</span>}
              </th>
            ))}
            <th scope="col"><span className="visually-hidden">{t("common.edit")}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={rowKey(row)} data-testid={`${property.code}-row-${r}`}>
              {inner.map((f) => {
                const errors = cellErrors?.[cellKey(property.code, r, f.code)];
                const label = `${f.label} ${t("record.row", { n: r + 1 })}`;
                return (
                  <td key={f.code}>
                    {isInputType(f.type) ? (
                      <FieldInput property={f} value={row.value[f.code]?.value} label={label} id={`${id}-${r}-${f.code}`} invalid={!!errors}
                        onChange={(v) => setCell(r, f.code, v)} />
                    ) : (
                      <FieldView property={f} value={row.value[f.code]?.value} />
                    )}
                    {errors && <div role="alert" className="ant-form-item-explain-error">{errors.join(" ")}</div>}
                  </td>
                );
              })}
              <td style={{ whiteSpace: "nowrap" }}>
                <Button size="small" icon={<PlusOutlined aria-hidden />} aria-label={t("record.addRow")} onClick={() => insertAfter(r)} />{" "}
                <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={t("record.moveRowUp", { n: r + 1 })} disabled={r === 0} onClick={() => move(r, r - 1)} />{" "}
                <Button size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={t("record.moveRowDown", { n: r + 1 })} disabled={r === rows.length - 1} onClick={() => move(r, r + 1)} />{" "}
                <Button size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t("record.removeRow", { n: r + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== r))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => insertAfter(-1)} style={{ marginTop: 8 }}>
          {t("record.addRow")}
        </Button>
      )}
    </div>
  );
}
