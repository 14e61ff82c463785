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

type Token = { kind: "word" | "string" | "punct"; text: string };

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const d = text[i]!;
        if (d === '"') break;
        if (d === "\\") {
          const e = text[i + 1];
          if (e === undefined) return null;
          value += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
          i += 2;
        } else {
          value += d;
          i++;
        }
      }
      i++;
      tokens.push({ kind: "string", text: value });
    } else if (/[(),]/.test(c)) {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else if (/[<>=!]/.test(c)) {
      const two = text.slice(i, i + 2);
      const op = [">=", "<=", "!="].includes(two) ? two : c;
      tokens.push({ kind: "punct", text: op });
      i += op.length;
    } else {
      const m = /^[^\s"(),<>=!]+/.exec(text.slice(i));
      if (!m) return null;
      tokens.push({ kind: "word", text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/**
 * The builder's rows for a condition it could have built (`conditionOf`'s output, optionally
 * in parentheses); null for anything else — functions, nesting, mixed and/or — which the
 * view editor then keeps as text.
 */
export function rowsOf(condition: string): { rows: FilterRow[]; match: "all" | "any" } | null {
  const tokens = tokenize(condition);
  if (!tokens) return null;
  while (tokens.length >= 2 && tokens[0]!.text === "(" && tokens[tokens.length - 1]!.text === ")") {
    tokens.shift();
    tokens.pop();
  }
  const rows: FilterRow[] = [];
  let joiner: string | null = null;
  let i = 0;
  const word = (k: number) => tokens[k]?.kind === "word" ? tokens[k]!.text.toLowerCase() : undefined;
  while (i < tokens.length) {
    const field = tokens[i];
    if (field?.kind !== "word") return null;
    i++;
    let operator: FilterOperator;
    if (word(i) === "is" && word(i + 1) === "empty") {
      operator = "is empty";
      i += 2;
    } else if (word(i) === "is" && word(i + 1) === "not" && word(i + 2) === "empty") {
      operator = "is not empty";
      i += 3;
    } else if (word(i) === "not" && (word(i + 1) === "in" || word(i + 1) === "like")) {
      operator = `not ${word(i + 1)}` as FilterOperator;
      i += 2;
    } else if (word(i) === "in" || word(i) === "like") {
      operator = word(i) as FilterOperator;
      i++;
    } else if (tokens[i]?.kind === "punct" && ["=", "!=", ">", "<", ">=", "<="].includes(tokens[i]!.text)) {
      operator = tokens[i]!.text as FilterOperator;
      i++;
    } else {
      return null;
    }
    let value: string | string[] = "";
    if (operator === "in" || operator === "not in") {
      if (tokens[i]?.text !== "(") return null;
      i++;
      const values: string[] = [];
      while (tokens[i]?.kind === "string") {
        values.push(tokens[i]!.text);
        i++;
        if (tokens[i]?.text === ",") i++;
        else break;
      }
      if (tokens[i]?.text !== ")") return null;
      i++;
      value = values;
    } else if (operator !== "is empty" && operator !== "is not empty") {
      if (tokens[i]?.kind !== "string") return null;
      value = tokens[i]!.text;
      i++;
    }
    rows.push({ field: field.text, operator, value });
    if (i < tokens.length) {
      const next = word(i);
      if (next !== "and" && next !== "or") return null;
      if (joiner !== null && joiner !== next) return null;
      joiner = next;
      i++;
      if (i >= tokens.length) return null;
    }
  }
  return { rows, match: joiner === "or" ? "any" : "all" };
}
