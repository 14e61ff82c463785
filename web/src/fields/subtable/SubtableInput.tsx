// SUBTABLE: rows of inner fields; add a row after any row, remove rows. Cell errors from
// the server appear in the cell they concern.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import type { SubtableRow } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { cellKey } from "../../lib/errorKeys";
import { isInputType, newSubtableRow } from "../../lib/fieldValue";
import { FieldInput } from "../FieldInput";
import { FieldView } from "../FieldView";
import type { FieldInputProps } from "../inputProps";

export function SubtableInput({ property, value, onChange, id, cellErrors }: FieldInputProps) {
  const { t } = useI18n();
  const inner = Object.values(property.fields ?? {});
  const rows = (value as SubtableRow[] | null) ?? [];
  const setCell = (rowIndex: number, code: string, cell: SubtableRow["value"][string]["value"]) =>
    onChange(rows.map((row, i) => (i === rowIndex ? { ...row, value: { ...row.value, [code]: { ...row.value[code], value: cell } } } : row)));
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
            <tr key={row.id ?? `new-${r}`} data-testid={`${property.code}-row-${r}`}>
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
