import type { FieldProperty, RawValue } from "../api/types";

/** What every field editor receives. */
export interface FieldInputProps {
  property: FieldProperty;
  value: RawValue | undefined;
  onChange: (value: RawValue) => void;
  /** Accessible name (the field's label). */
  label: string;
  id: string;
  invalid?: boolean;
  /** Messages per table cell, keyed by cellKey(table, row, inner). */
  cellErrors?: Record<string, string[]>;
}

