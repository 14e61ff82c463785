// Display of NUMBER and CALC values: thousands separators, decimal places and units only
// change what is shown, never the stored value (§4.4).
import type { FieldProperty } from "../api/types";

export function formatNumber(value: string, property: Pick<FieldProperty, "digit" | "displayScale" | "unit" | "unitPosition" | "format">): string {
  if (value === "") return "";
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  let text: string;
  const scale = property.displayScale === undefined || property.displayScale === "" ? undefined : Number(property.displayScale);
  const separators = property.digit === true || property.format === "NUMBER_DIGIT";
  if (scale !== undefined || separators) {
    text = n.toLocaleString("en-US", {
      useGrouping: separators,
      minimumFractionDigits: scale,
      maximumFractionDigits: scale ?? 20,
    });
  } else {
    text = value;
  }
  const unit = property.unit ?? "";
  if (!unit) return text;
  return property.unitPosition === "AFTER" ? `${text}${unit}` : `${unit}${text}`;
}
