// Saved views as the view editor edits them, and the whole-set document PUT
// preview/app/views.json takes (spec §7.4: the request replaces every view; names are keys).
// Pure.
import type { Properties, View } from "../../../api/types";
import { orderByClause, parseSort, type SortKey } from "../../../lib/query";

export type ViewPayload = Omit<View, "id"> & { id?: string };

export interface ViewDraft {
  name: string;
  type: "LIST" | "CALENDAR";
  fields: string[];
  filterCond: string;
  sort: SortKey[];
  date: string;
  title: string;
}

/** Views people pick from: lists and calendars, in the app's order. */
export function selectableViews(views: Record<string, View>): View[] {
  return Object.values(views)
    .filter((v) => v.type === "LIST" || v.type === "CALENDAR")
    .sort((a, b) => Number(a.index) - Number(b.index));
}

export function draftOf(view: View | undefined, columns: string[]): ViewDraft {
  return {
    name: view?.name ?? "",
    type: view?.type === "CALENDAR" ? "CALENDAR" : "LIST",
    fields: view?.fields && view.fields.length > 0 ? [...view.fields] : [...columns],
    filterCond: view?.filterCond ?? "",
    sort: parseSort(view?.sort ?? ""),
    date: view?.date ?? "",
    title: view?.title ?? "",
  };
}

/** "a asc, b desc": a view's `sort` (without `order by`). */
export function sortText(keys: SortKey[]): string {
  return orderByClause(keys).replace(/^order by /, "");
}

function payloadOf(draft: ViewDraft, index: string): ViewPayload {
  const common = { type: draft.type, name: draft.name.trim(), index, filterCond: draft.filterCond.trim(), sort: sortText(draft.sort) };
  return draft.type === "LIST" ? { ...common, fields: draft.fields } : { ...common, date: draft.date, title: draft.title };
}

function asPayloads(views: Record<string, View>): Record<string, ViewPayload> {
  return Object.fromEntries(Object.entries(views).map(([name, v]) => [name, { ...v }]));
}

/**
 * The full set after saving `draft` in place of the view named `original` (or as a new
 * view at the end when `original` is null). The server keeps ids by name.
 */
export function viewsWith(views: Record<string, View>, draft: ViewDraft, original: string | null): Record<string, ViewPayload> {
  const result = asPayloads(views);
  const index = original !== null && views[original] ? views[original].index : String(Math.max(-1, ...Object.values(views).map((v) => Number(v.index))) + 1);
  if (original !== null) delete result[original];
  result[draft.name.trim()] = payloadOf(draft, index);
  return result;
}

export function viewsWithout(views: Record<string, View>, name: string): Record<string, ViewPayload> {
  const result = asPayloads(views);
  delete result[name];
  return result;
}

export type DraftProblem = "nameRequired" | "nameTaken" | "noColumns" | "dateRequired";

export function draftProblems(draft: ViewDraft, views: Record<string, View>, original: string | null): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const name = draft.name.trim();
  if (name === "") problems.push("nameRequired");
  else if (name !== original && name in views) problems.push("nameTaken");
  if (draft.type === "LIST" && draft.fields.length === 0) problems.push("noColumns");
  if (draft.type === "CALENDAR" && draft.date === "") problems.push("dateRequired");
  return problems;
}

const DATE_TYPES = new Set(["DATE", "DATETIME", "CREATED_TIME", "UPDATED_TIME"]);

export function calendarDateFields(properties: Properties): string[] {
  return Object.values(properties).filter((p) => DATE_TYPES.has(p.type)).map((p) => p.code);
}
