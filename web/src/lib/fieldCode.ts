// Field codes (spec §4.3): ≤128 chars, no leading digit, `_` is the only ASCII symbol,
// Japanese allowed, unique within the app (table inner fields included).

const MAX_LENGTH = 128;
// ASCII symbols and whitespace (ASCII and full-width space) that a code may not contain.
const FORBIDDEN = /[\s\u3000!-/:-@[-^`{-~]/gu;

export type FieldCodeProblem = "empty" | "tooLong" | "leadingDigit" | "symbol" | "duplicate";

export function fieldCodeProblem(code: string, taken: ReadonlySet<string>): FieldCodeProblem | null {
  if (code === "") return "empty";
  if ([...code].length > MAX_LENGTH) return "tooLong";
  if (/^[0-9０-９]/.test(code)) return "leadingDigit";
  if (new RegExp(FORBIDDEN.source, "u").test(code)) return "symbol";
  if (taken.has(code)) return "duplicate";
  return null;
}

/** A valid, unused code derived from a label, as kintone does when a field is added. */
export function codeFromLabel(label: string, taken: ReadonlySet<string>, fallback = "field"): string {
  let base = label.replace(FORBIDDEN, "_").replace(/_+/g, "_");
  if (base === "" || base === "_") base = fallback;
  if (/^[0-9０-９]/.test(base)) base = `_${base}`;
  base = [...base].slice(0, MAX_LENGTH - 4).join("");
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
