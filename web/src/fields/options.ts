// Options of choice fields (§4.3): `{"<name>": {"label": "<name>", "index": "0"}}`, the key
// being the value stored in records and `index` the display order.
import type { OptionDef } from "../api/types";

export function orderedOptions(options: Record<string, OptionDef> | undefined): string[] {
  return Object.values(options ?? {})
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((o) => o.label);
}

export function optionsFrom(labels: string[]): Record<string, OptionDef> {
  return Object.fromEntries(labels.map((label, i) => [label, { label, index: String(i) }]));
}

export function optionProblem(labels: string[]): "empty" | "duplicate" | undefined {
  if (labels.some((l) => l.trim() === "")) return "empty";
  if (new Set(labels).size !== labels.length) return "duplicate";
  return undefined;
}
