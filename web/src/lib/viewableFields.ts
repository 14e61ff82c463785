// Field permissions as the browser sees them: the server leaves out of a record every field
// its user may not view. Pure.
import type { Properties } from "../api/types";

// Form elements that hold no value, so a record never carries them.
const NO_VALUE = new Set(["GROUP", "REFERENCE_TABLE", "LABEL", "SPACER", "HR"]);

/** The form's fields without those missing from `record` (hidden from this user). */
export function viewableProperties(properties: Properties, record: Record<string, unknown>): Properties {
  return Object.fromEntries(Object.entries(properties).filter(([code, p]) => NO_VALUE.has(p.type) || code in record));
}
