// Splits kintone's `errors` object (spec §3.2) between the fields a form shows and the rest,
// so each message lands next to its field and nothing is silently lost. Pure.

export interface SplitErrors {
  /** Messages for the form's own fields, by field name. */
  byField: Record<string, string[]>;
  /** Messages for keys the form has no field for. */
  other: string[];
}

export function splitFormErrors(
  errors: Record<string, { messages: string[] }> | undefined,
  fields: readonly string[],
): SplitErrors {
  const out: SplitErrors = { byField: {}, other: [] };
  for (const [key, detail] of Object.entries(errors ?? {})) {
    if (fields.includes(key)) out.byField[key] = [...(out.byField[key] ?? []), ...detail.messages];
    else out.other.push(...detail.messages);
  }
  return out;
}
