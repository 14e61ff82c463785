// Shapes of the kintone REST API as the browser sees them (spec §4, §5, §7).
// Numbers in responses are strings; we keep them so.

export type FieldType =
  | "__ID__"
  | "__REVISION__"
  | "RECORD_NUMBER"
  | "CREATOR"
  | "CREATED_TIME"
  | "MODIFIER"
  | "UPDATED_TIME"
  | "SINGLE_LINE_TEXT"
  | "NUMBER"
  | "CALC"
  | "MULTI_LINE_TEXT"
  | "RICH_TEXT"
  | "LINK"
  | "CHECK_BOX"
  | "RADIO_BUTTON"
  | "DROP_DOWN"
  | "MULTI_SELECT"
  | "DATE"
  | "TIME"
  | "DATETIME"
  | "USER_SELECT"
  | "ORGANIZATION_SELECT"
  | "GROUP_SELECT"
  | "FILE"
  | "SUBTABLE"
  | "CATEGORY"
  | "STATUS"
  | "STATUS_ASSIGNEE"
  | "REFERENCE_TABLE"
  | "GROUP";

export type LayoutOnlyType = "LABEL" | "SPACER" | "HR";

export interface OptionDef {
  label: string;
  index: string;
}

export interface Entity {
  code: string;
  type?: string;
}

/** One field definition from fields.json `properties`. Optional keys depend on the type (§4.3). */
export interface FieldProperty {
  type: FieldType;
  code: string;
  label: string;
  noLabel?: boolean;
  required?: boolean;
  unique?: boolean;
  defaultValue?: string | string[] | Entity[];
  defaultNowValue?: boolean;
  minLength?: string;
  maxLength?: string;
  minValue?: string;
  maxValue?: string;
  digit?: boolean;
  displayScale?: string;
  unit?: string;
  unitPosition?: "BEFORE" | "AFTER";
  expression?: string;
  hideExpression?: boolean;
  format?: string;
  protocol?: "WEB" | "CALL" | "MAIL";
  options?: Record<string, OptionDef>;
  align?: "HORIZONTAL" | "VERTICAL";
  thumbnailSize?: string;
  entities?: Entity[];
  openGroup?: boolean;
  enabled?: boolean;
  fields?: Record<string, FieldProperty>;
  lookup?: LookupDefinition;
  referenceTable?: ReferenceTableDefinition | null;
}

/** A lookup (spec §4.7): a text or number field that copies values from another app. */
export interface LookupDefinition {
  relatedApp: { app: string; code?: string };
  relatedKeyField: string;
  fieldMappings: { field: string; relatedField: string }[];
  lookupPickerFields: string[];
  filterCond: string;
  sort: string;
}

/** Related records (REFERENCE_TABLE): records of another app matching a field of this one. */
export interface ReferenceTableDefinition {
  relatedApp: { app: string; code?: string };
  condition: { field: string; relatedField: string };
  filterCond: string;
  displayFields: string[];
  sort: string;
  size: string;
}

export type Properties = Record<string, FieldProperty>;

export interface LayoutSize {
  width?: string | number;
  height?: string | number;
  innerHeight?: string | number;
}

export interface LayoutElement {
  type: FieldType | LayoutOnlyType;
  code?: string;
  label?: string;
  elementId?: string;
  size?: LayoutSize;
}

export type LayoutRow =
  | { type: "ROW"; fields: LayoutElement[] }
  | { type: "SUBTABLE"; code: string; fields: LayoutElement[] }
  | { type: "GROUP"; code: string; layout: Array<{ type: "ROW"; fields: LayoutElement[] }> };

export interface UserRef {
  code: string;
  name?: string;
}

export interface FileValue {
  contentType?: string;
  fileKey: string;
  name?: string;
  size?: string;
}

export interface SubtableRow {
  id?: string;
  value: Record<string, FieldValue>;
}

export type RawValue = string | null | string[] | UserRef[] | FileValue[] | SubtableRow[];

/** A record as the write APIs take it: field code → {value}. */
export type WriteRecord = Record<string, { value: RawValue }>;

export interface FieldValue {
  type?: FieldType;
  value: RawValue;
}

export type KintoneRecord = Record<string, FieldValue>;

export interface App {
  appId: string;
  code: string;
  name: string;
  description: string;
  spaceId: string | null;
  threadId: string | null;
  createdAt: string;
  creator: UserRef;
  modifiedAt: string;
  modifier: UserRef;
}

export interface View {
  type: "LIST" | "CALENDAR" | "CUSTOM";
  builtinType?: string;
  id: string;
  name: string;
  index: string;
  filterCond: string;
  sort: string;
  fields?: string[];
  date?: string;
  title?: string;
}

export interface AppSettings {
  name: string;
  description: string;
  revision: string;
  [key: string]: unknown;
}

export type DeployStatus = "PROCESSING" | "SUCCESS" | "FAIL" | "CANCEL";

export interface SessionUser {
  code: string;
  name: string;
  locale?: string;
  isAdmin?: boolean;
  /** Whether the account signs in with a second factor (TOTP). */
  twoFactor?: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}
