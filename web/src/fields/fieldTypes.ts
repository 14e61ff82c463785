// What the UI knows about each field type: where it sits in the designer's palette,
// which settings it has, and the definition a new field starts with (spec §4.3).
// The one place that lists types; editors and settings look capabilities up here.
import type { FieldProperty, FieldType, LayoutOnlyType, LookupDefinition, ReferenceTableDefinition } from "../api/types";

/** LOOKUP is a palette entry only: it adds a text field carrying a `lookup` definition (spec §4.7). */
export type PaletteType = FieldType | LayoutOnlyType | "LOOKUP";

export interface FieldTypeInfo {
  type: PaletteType;
  /** Shown in the palette (system and process fields are not). */
  inPalette: boolean;
  /** May be a column of a table. */
  inTable: boolean;
  required: boolean;
  unique: boolean;
  defaultValue: "text" | "multiline" | "number" | "option" | "options" | "date" | "time" | "datetime" | null;
  defaultNow: boolean;
  length: boolean;
  range: boolean;
  numberDisplay: boolean;
  options: boolean;
  align: boolean;
  protocol: boolean;
  expression: boolean;
}

const base: Omit<FieldTypeInfo, "type"> = {
  inPalette: true,
  inTable: true,
  required: true,
  unique: false,
  defaultValue: null,
  defaultNow: false,
  length: false,
  range: false,
  numberDisplay: false,
  options: false,
  align: false,
  protocol: false,
  expression: false,
};

const system = { ...base, inPalette: false, inTable: false, required: false };
const layoutOnly = { ...base, inTable: false, required: false };

export const FIELD_TYPES: readonly FieldTypeInfo[] = [
  { ...base, type: "SINGLE_LINE_TEXT", unique: true, defaultValue: "text", length: true },
  { ...base, type: "MULTI_LINE_TEXT", defaultValue: "multiline" },
  { ...base, type: "RICH_TEXT", defaultValue: "multiline" },
  { ...base, type: "NUMBER", unique: true, defaultValue: "number", range: true, numberDisplay: true },
  { ...base, type: "CALC", required: false, numberDisplay: true, expression: true },
  { ...base, type: "RADIO_BUTTON", defaultValue: "option", options: true, align: true },
  { ...base, type: "CHECK_BOX", defaultValue: "options", options: true, align: true },
  { ...base, type: "MULTI_SELECT", defaultValue: "options", options: true },
  { ...base, type: "DROP_DOWN", defaultValue: "option", options: true },
  { ...base, type: "DATE", unique: true, defaultValue: "date", defaultNow: true },
  { ...base, type: "TIME", defaultValue: "time", defaultNow: true },
  { ...base, type: "DATETIME", unique: true, defaultValue: "datetime", defaultNow: true },
  { ...base, type: "LINK", unique: true, defaultValue: "text", length: true, protocol: true },
  { ...base, type: "FILE" },
  { ...base, type: "USER_SELECT" },
  { ...base, type: "ORGANIZATION_SELECT" },
  { ...base, type: "GROUP_SELECT" },
  { ...base, type: "SUBTABLE", inTable: false, required: false },
  { ...base, type: "LOOKUP" },
  { ...base, type: "REFERENCE_TABLE", inTable: false, required: false },
  { ...base, type: "GROUP", inTable: false, required: false },
  { ...layoutOnly, type: "LABEL" },
  { ...layoutOnly, type: "SPACER" },
  { ...layoutOnly, type: "HR" },
  { ...system, type: "RECORD_NUMBER" },
  { ...system, type: "CREATOR" },
  { ...system, type: "CREATED_TIME" },
  { ...system, type: "MODIFIER" },
  { ...system, type: "UPDATED_TIME" },
  { ...system, type: "STATUS" },
  { ...system, type: "STATUS_ASSIGNEE" },
  { ...system, type: "CATEGORY" },
];

const byType = new Map(FIELD_TYPES.map((info) => [info.type, info]));

export function fieldTypeInfo(type: PaletteType): FieldTypeInfo {
  return byType.get(type) ?? { ...system, type };
}

export function isLayoutOnly(type: PaletteType): type is LayoutOnlyType {
  return type === "LABEL" || type === "SPACER" || type === "HR";
}

/** Types that live in fields.json but not necessarily in the layout; never deleted by the designer. */
export function isSystemType(type: PaletteType): boolean {
  return !fieldTypeInfo(type).inPalette;
}

const DEFAULT_OPTIONS = ["sample1", "sample2"];

/** The palette entry a field belongs to: lookups are listed apart from their base type. */
export function paletteTypeOf(property: FieldProperty): PaletteType {
  return property.lookup ? "LOOKUP" : property.type;
}

/** The definition a field dragged from the palette starts with. */
export function newFieldProperty(type: FieldType | "LOOKUP", code: string, label: string): FieldProperty {
  if (type === "LOOKUP") {
    const lookup: LookupDefinition = { relatedApp: { app: "" }, relatedKeyField: "", fieldMappings: [], lookupPickerFields: [], filterCond: "", sort: "" };
    return { type: "SINGLE_LINE_TEXT", code, label, noLabel: false, required: false, lookup };
  }
  if (type === "REFERENCE_TABLE") {
    const referenceTable: ReferenceTableDefinition = {
      relatedApp: { app: "" }, condition: { field: "", relatedField: "" }, filterCond: "", displayFields: [], sort: "", size: "5",
    };
    return { type, code, label, noLabel: false, referenceTable };
  }
  if (type === "GROUP") return { type, code, label, noLabel: false, openGroup: true };
  const property: FieldProperty = { type, code, label, noLabel: false };
  const info = fieldTypeInfo(type);
  if (info.required) property.required = false;
  if (info.unique) property.unique = false;
  if (info.options) {
    property.options = Object.fromEntries(
      DEFAULT_OPTIONS.map((name, i) => [name, { label: name, index: String(i) }]),
    );
    property.align = info.align ? "HORIZONTAL" : undefined;
    if (!info.align) delete property.align;
  }
  switch (info.defaultValue) {
    case "options":
      property.defaultValue = [];
      break;
    case null:
      break;
    default:
      property.defaultValue = type === "RADIO_BUTTON" ? DEFAULT_OPTIONS[0] : "";
  }
  if (type === "RADIO_BUTTON") property.required = true;
  if (info.defaultNow) property.defaultNowValue = false;
  if (info.length) {
    property.minLength = "";
    property.maxLength = "";
  }
  if (info.range) {
    property.minValue = "";
    property.maxValue = "";
  }
  if (info.numberDisplay) {
    property.digit = false;
    property.displayScale = "";
    property.unit = "";
    property.unitPosition = "BEFORE";
  }
  if (type === "LINK") property.protocol = "WEB";
  if (type === "CALC") {
    property.expression = "";
    property.format = "NUMBER";
    delete property.digit;
  }
  if (type === "FILE") property.thumbnailSize = "150";
  if (type === "SUBTABLE") property.fields = {};
  if (type === "USER_SELECT" || type === "ORGANIZATION_SELECT" || type === "GROUP_SELECT") {
    property.entities = [];
    property.defaultValue = [];
  }
  return property;
}
