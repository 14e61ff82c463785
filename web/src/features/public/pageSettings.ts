// Pure helpers for the public-page editors: starting settings, which fields may be used
// where, and the receipt-number preview (the same rule as domain/sharing/receipt_format).
import type { Properties } from "../../api/types";
import type { PageKind, PageSettings, ReceiptFormat } from "./publicPagesApi";

export const FORM_FIELD_TYPES = [
  "SINGLE_LINE_TEXT", "NUMBER", "MULTI_LINE_TEXT", "LINK", "CHECK_BOX", "RADIO_BUTTON",
  "DROP_DOWN", "MULTI_SELECT", "DATE", "TIME", "DATETIME", "FILE",
];
const SHOWN_HIDDEN = ["SUBTABLE", "FILE", "REFERENCE_TABLE", "GROUP", "LABEL", "SPACER", "HR", "CATEGORY", "RICH_TEXT"];

type Field = { code: string; type: string; label: string; unique?: boolean; required?: boolean; expression?: string; lookup?: unknown; options?: Record<string, { label: string; index: string }> };

function list(properties: Properties): Field[] {
  return Object.values(properties) as unknown as Field[];
}

/** Fields a resident may fill in (not the receipt field, not calculated or looked up). */
export function formFieldCandidates(properties: Properties, receiptField: string | undefined): Field[] {
  return list(properties).filter((f) => FORM_FIELD_TYPES.includes(f.type) && f.code !== receiptField && !f.expression && !f.lookup);
}

export function uniqueTextFields(properties: Properties): Field[] {
  return list(properties).filter((f) => (f.type === "SINGLE_LINE_TEXT" || f.type === "NUMBER") && f.unique);
}

export function secretKeyCandidates(properties: Properties): Field[] {
  return list(properties).filter((f) => ["SINGLE_LINE_TEXT", "NUMBER", "DATE", "LINK"].includes(f.type));
}

export function shownCandidates(properties: Properties): Field[] {
  return list(properties).filter((f) => !SHOWN_HIDDEN.includes(f.type));
}

/** Choice values whose friendly labels a look-up page may set. */
export function choiceValues(properties: Properties, codes: string[]): string[] {
  const out: string[] = [];
  for (const f of list(properties)) {
    if (!codes.includes(f.code) || !f.options) continue;
    const sorted = Object.values(f.options).sort((a, b) => Number(a.index) - Number(b.index));
    for (const o of sorted) if (!out.includes(o.label)) out.push(o.label);
  }
  return out;
}

/** Fields a dashboard may group by: choices, status, dates; single-line text only when allowed. */
export const GROUP_FIELD_TYPES = ["DROP_DOWN", "RADIO_BUTTON", "STATUS", "CHECK_BOX", "MULTI_SELECT", "DATE", "DATETIME", "CREATED_TIME", "UPDATED_TIME"];
export const DATE_FIELD_TYPES = ["DATE", "DATETIME", "CREATED_TIME", "UPDATED_TIME"];

export function groupFieldCandidates(properties: Properties, allowText: boolean): Field[] {
  return list(properties).filter((f) => GROUP_FIELD_TYPES.includes(f.type) || (allowText && f.type === "SINGLE_LINE_TEXT"));
}

export function measureFieldCandidates(properties: Properties): Field[] {
  return list(properties).filter((f) => f.type === "NUMBER" || f.type === "CALC");
}

export function defaultSettings(kind: PageKind, properties: Properties, receiptField: string | undefined, title: string): PageSettings {
  const base: PageSettings = {
    title,
    description: "",
    theme: { primaryColor: "#1d4f91", backgroundColor: "#ffffff", textColor: "#1a1a1a", fontScale: 1 },
    logo: "",
  };
  if (kind === "form") {
    const required = formFieldCandidates(properties, receiptField).filter((f) => f.required);
    return {
      ...base,
      fields: required.map((f) => ({ code: f.code, help: "" })),
      opensAt: "",
      closesAt: "",
      maxSubmissions: 0,
      completionMessage: "",
      attachments: { maxBytes: 5 * 1024 * 1024, maxCount: 3, types: ["application/pdf", "image/jpeg", "image/png"] },
      rateLimit: { perAddress: 20, windowSeconds: 3600 },
    };
  }
  if (kind === "dashboard") {
    const candidates = groupFieldCandidates(properties, false);
    const group = candidates.find((f) => f.type === "DROP_DOWN" || f.type === "RADIO_BUTTON") ?? candidates[0];
    return {
      ...base,
      aggregate: { groups: group ? [{ code: group.code }] : [], aggregations: [{ type: "COUNT" }], filterCond: "" },
      chart: "bar",
      labels: {},
      allowText: false,
      minCount: 5,
      refreshMinutes: 60,
      timeZone: "Asia/Tokyo",
    };
  }
  const first = receiptField ?? uniqueTextFields(properties)[0]?.code ?? "";
  return {
    ...base,
    keys: [
      { code: first, match: "exact", label: "", help: "" },
      { code: "", match: "exact", label: "", help: "" },
    ],
    shown: [],
    valueLabels: {},
    rateLimit: { perAddress: 30, perKey: 5, windowSeconds: 600 },
  };
}

function luhn(digits: string): string {
  let sum = 0;
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (Number.isNaN(d)) continue;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The first number `format` issues on `date` (YYYY-MM-DD). */
export function receiptPreview(format: ReceiptFormat, date: string, sequence = 1): string {
  const [y = "", m = ""] = date.split("-");
  let period = "";
  if (format.year === "calendar") period = y;
  if (format.year === "fiscal") period = String(Number(m) < 4 ? Number(y) - 1 : Number(y));
  const number = String(sequence).padStart(format.digits, "0");
  const parts = [format.prefix, period, number];
  if (format.checkDigit) parts.push(luhn(period + number));
  return parts.filter((p) => p !== "").join(format.separator);
}
