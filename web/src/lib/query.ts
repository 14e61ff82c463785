// Builds kintone query strings (spec §6) from structured parts. Pure; no I/O.
import type { FieldType, Properties } from "../api/types";

export type SortDirection = "asc" | "desc";

export interface SortKey {
  field: string;
  direction: SortDirection;
}

export interface QueryParts {
  /** A condition in kintone query syntax, e.g. a view's filterCond. */
  condition?: string;
  keyword?: string;
  /** Field codes searched by `keyword` (see keywordFields). */
  keywordFields?: string[];
  orderBy?: SortKey[];
  limit?: number;
  offset?: number;
}

/** A double-quoted query string literal with `"` and `\` escaped (§6.1). */
export function quote(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\t/g, "\\t")
    .replace(/\r/g, "\\r")
    .replace(/\n/g, "\\n");
  return `"${escaped}"`;
}

const LIKE_TYPES: ReadonlySet<FieldType> = new Set([
  "SINGLE_LINE_TEXT",
  "LINK",
  "MULTI_LINE_TEXT",
  "RICH_TEXT",
]);

const SORTABLE_TYPES: ReadonlySet<FieldType> = new Set([
  "__ID__",
  "RECORD_NUMBER",
  "CREATOR",
  "MODIFIER",
  "CREATED_TIME",
  "UPDATED_TIME",
  "SINGLE_LINE_TEXT",
  "NUMBER",
  "CALC",
  "RADIO_BUTTON",
  "DROP_DOWN",
  "DATE",
  "TIME",
  "DATETIME",
  "LINK",
  "STATUS",
]);

/** True when `order by` accepts a top-level field of this type (§6.5). */
export function isSortable(type: FieldType): boolean {
  return SORTABLE_TYPES.has(type);
}

/** Top-level and table-inner text fields a keyword search looks in. */
export function keywordFields(properties: Properties): string[] {
  const codes: string[] = [];
  for (const property of Object.values(properties)) {
    if (LIKE_TYPES.has(property.type)) codes.push(property.code);
    if (property.type === "SUBTABLE" && property.fields) {
      for (const inner of Object.values(property.fields)) {
        if (LIKE_TYPES.has(inner.type)) codes.push(inner.code);
      }
    }
  }
  return codes;
}

/** `(a like "k" or b like "k")` for every whitespace-separated word, joined with `and`. */
export function keywordCondition(keyword: string, fields: string[]): string {
  const words = keyword.split(/[\s\u3000]+/).filter((w) => w !== "");
  if (words.length === 0 || fields.length === 0) return "";
  return words
    .map((word) => `(${fields.map((f) => `${f} like ${quote(word)}`).join(" or ")})`)
    .join(" and ");
}

export function orderByClause(keys: SortKey[]): string {
  if (keys.length === 0) return "";
  return `order by ${keys.map((k) => `${k.field} ${k.direction}`).join(", ")}`;
}

/** Parses a view's `sort` ("a desc, b asc") back into keys; unknown bits are dropped. */
export function parseSort(sort: string): SortKey[] {
  return sort
    .split(",")
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0] !== undefined && words[0] !== "")
    .map(([field, direction]) => ({
      field: field as string,
      direction: direction?.toLowerCase() === "desc" ? "desc" : "asc",
    }));
}

export function buildQuery(parts: QueryParts): string {
  const conditions: string[] = [];
  const base = parts.condition?.trim();
  if (base) conditions.push(`(${base})`);
  const keyword = parts.keyword ? keywordCondition(parts.keyword, parts.keywordFields ?? []) : "";
  if (keyword) conditions.push(conditions.length > 0 ? `(${keyword})` : keyword);
  const clauses: string[] = [];
  if (conditions.length > 0) clauses.push(conditions.join(" and "));
  const order = orderByClause(parts.orderBy ?? []);
  if (order) clauses.push(order);
  if (parts.limit !== undefined) clauses.push(`limit ${Math.trunc(parts.limit)}`);
  if (parts.offset !== undefined) clauses.push(`offset ${Math.trunc(parts.offset)}`);
  return clauses.join(" ");
}
