// Conditions a person builds in the list's filter panel, turned into kintone query text
// (spec §6.2, §6.3). Pure.
import type { FieldProperty, FieldType } from "../api/types";
import { quote } from "./query";

export type FilterOperator = "=" | "!=" | ">" | "<" | ">=" | "<=" | "in" | "not in" | "like" | "not like" | "is empty" | "is not empty";

export interface FilterRow {
  field: string;
  operator: FilterOperator;
  /** One value, or several for in / not in. */
  value: string | string[];
}

const TEXT: FilterOperator[] = ["=", "!=", "like", "not like"];
const ORDERED: FilterOperator[] = ["=", "!=", ">", "<", ">=", "<="];
const CHOICE: FilterOperator[] = ["in", "not in"];
const LONG_TEXT: FilterOperator[] = ["like", "not like", "is empty", "is not empty"];

const BY_TYPE: Partial<Record<FieldType, FilterOperator[]>> = {
  __ID__: ORDERED,
  RECORD_NUMBER: ORDERED,
  SINGLE_LINE_TEXT: TEXT,
  LINK: TEXT,
  NUMBER: ORDERED,
  CALC: ORDERED,
  MULTI_LINE_TEXT: LONG_TEXT,
  RICH_TEXT: ["like", "not like"],
  CHECK_BOX: CHOICE,
  RADIO_BUTTON: CHOICE,
  DROP_DOWN: CHOICE,
  MULTI_SELECT: CHOICE,
  DATE: ORDERED,
  TIME: ORDERED,
  DATETIME: ORDERED,
  CREATED_TIME: ORDERED,
  UPDATED_TIME: ORDERED,
  CREATOR: CHOICE,
  MODIFIER: CHOICE,
  USER_SELECT: CHOICE,
  ORGANIZATION_SELECT: CHOICE,
  GROUP_SELECT: CHOICE,
  STATUS: ["=", "!=", "in", "not in"],
  FILE: ["like", "not like", "is empty", "is not empty"],
};

export function operatorsFor(type: FieldType): FilterOperator[] {
  return BY_TYPE[type] ?? [];
}

export function isFilterable(property: FieldProperty): boolean {
  return operatorsFor(property.type).length > 0;
}

function predicate(row: FilterRow): string | null {
  const { field, operator, value } = row;
  if (operator === "is empty" || operator === "is not empty") return `${field} ${operator}`;
  if (operator === "in" || operator === "not in") {
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) return null;
    return `${field} ${operator} (${values.map(quote).join(", ")})`;
  }
  const one = Array.isArray(value) ? (value[0] ?? "") : value;
  if (one.trim() === "" && operator !== "=" && operator !== "!=") return null;
  return `${field} ${operator} ${quote(one.trim())}`;
}

/** The rows joined with `and` (all must match) or `or` (any may match); "" when none is complete. */
export function conditionOf(rows: FilterRow[], match: "all" | "any" = "all"): string {
  const parts = rows.map(predicate).filter((p): p is string => p !== null);
  if (parts.length <= 1) return parts[0] ?? "";
  return parts.join(match === "all" ? " and " : " or ");
}
