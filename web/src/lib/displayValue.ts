// Text shown for a record value in lists and read-only forms. Pure; the locale decides
// date and time formats.
import type { FieldProperty, FileValue, RawValue, UserRef } from "../api/types";
import { formatNumber } from "./numberFormat";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2026-04-25T01:00:00Z" in the browser's time zone, minute precision. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function displayText(property: Pick<FieldProperty, "type"> & Partial<FieldProperty>, value: RawValue | undefined): string {
  if (value === null || value === undefined) return "";
  switch (property.type) {
    case "NUMBER":
      return formatNumber(value as string, property);
    case "CALC":
      return property.format === "DATETIME" ? formatDateTime(value as string) : formatNumber(value as string, property);
    case "DATETIME":
    case "CREATED_TIME":
    case "UPDATED_TIME":
      return value === "" ? "" : formatDateTime(value as string);
    case "CREATOR":
    case "MODIFIER": {
      const user = value as unknown as UserRef;
      return user?.name || user?.code || "";
    }
    case "USER_SELECT":
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT":
    case "STATUS_ASSIGNEE":
      return (value as UserRef[]).map((u) => u.name || u.code).join(", ");
    case "FILE":
      return (value as FileValue[]).map((f) => f.name ?? f.fileKey).join(", ");
    case "CHECK_BOX":
    case "MULTI_SELECT":
    case "CATEGORY":
      return (value as string[]).join(", ");
    case "SUBTABLE":
      return "";
    case "RICH_TEXT":
      return htmlToText(value as string);
    default:
      return Array.isArray(value) ? value.length.toString() : value;
  }
}

/** Plain text of an HTML fragment without parsing it into the live DOM. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/** href for a LINK value by protocol, or null when it would not be safe to follow. */
export function linkHref(value: string, protocol: FieldProperty["protocol"]): string | null {
  const v = value.trim();
  if (v === "") return null;
  if (protocol === "CALL") return `tel:${v.replace(/[^0-9+#*]/g, "")}`;
  if (protocol === "MAIL") return `mailto:${v}`;
  return /^https?:\/\//i.test(v) ? v : null;
}
