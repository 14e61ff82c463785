// USER_SELECT / ORGANIZATION_SELECT / GROUP_SELECT: codes typed as tags until the user
// directory API lands (a searchable picker comes with it).
import { Select } from "antd";
import type { UserRef } from "../../api/types";
import type { FieldInputProps } from "../inputProps";

export function EntityInput({ value, onChange, label, id, invalid }: FieldInputProps) {
  const refs = (value as UserRef[] | null) ?? [];
  return (
    <Select id={id} aria-label={label} mode="tags" status={invalid ? "error" : undefined} style={{ minWidth: 200, width: "100%" }}
      value={refs.map((r) => r.code)} options={refs.map((r) => ({ value: r.code, label: r.name ? `${r.name} (${r.code})` : r.code }))}
      onChange={(codes: string[]) => onChange(codes.map((code) => refs.find((r) => r.code === code) ?? { code }))} />
  );
}
