// Staff-side calls for public pages and receipt numbers (Tsumiki's /api/public/pages.json
// and /api/app/receipt.json), over the signed-in session's transport.
import type { Transport } from "../../api/http";

export type PageKind = "form" | "lookup" | "dashboard";

export interface Theme {
  primaryColor: string;
  backgroundColor: string;
  textColor: string;
  fontScale: number;
}

export interface ConfirmationMail {
  enabled: boolean;
  toField: string;
  subject: string;
  body: string;
}

export interface PageSettings {
  title: string;
  description: string;
  theme: Theme;
  logo: string;
  // form
  fields?: { code: string; help: string }[];
  opensAt?: string;
  closesAt?: string;
  maxSubmissions?: number;
  completionMessage?: string;
  attachments?: { maxBytes: number; maxCount: number; types: string[] };
  confirmationMail?: ConfirmationMail;
  // lookup
  keys?: { code: string; match: "exact" | "last4"; label: string; help: string }[];
  shown?: { code: string; label: string }[];
  valueLabels?: Record<string, string | { ja?: string; en?: string }>;
  rateLimit?: Record<string, number>;
  // dashboard
  aggregate?: DashboardAggregate;
  chart?: "bar" | "line" | "pie";
  labels?: Record<string, string | { ja?: string; en?: string }>;
  allowText?: boolean;
  minCount?: number;
  refreshMinutes?: number;
  timeZone?: string;
}

export type Period = "DAY" | "WEEK" | "MONTH" | "YEAR";
export type AggregationType = "COUNT" | "SUM" | "AVERAGE" | "MIN" | "MAX";

export interface DashboardAggregate {
  groups: { code: string; per?: Period }[];
  aggregations: { type: AggregationType; code?: string }[];
  filterCond: string;
}

/** What the server computes for a dashboard (the residents' page document). */
export interface DashboardPreview {
  columns: { kind: "group" | "measure"; key: string; label: { ja: string; en: string } }[];
  rows: { keys: { ja: string; en: string }[]; values: (number | null)[]; suppressed: boolean }[];
  minCount: number;
  asOf: string;
}

export interface PublicPage {
  id: string;
  app: string;
  kind: PageKind;
  token: string;
  path: string;
  enabled: boolean;
  settings: PageSettings;
}

export interface ReceiptFormat {
  field: string;
  prefix: string;
  year: "none" | "calendar" | "fiscal";
  separator: string;
  digits: number;
  checkDigit: boolean;
}

export function publicPagesApi(http: Transport) {
  return {
    list: (app: string) => http.get<{ pages: PublicPage[] }>("/api/public/pages.json", { app }),
    create: (app: string, kind: PageKind, settings: PageSettings) =>
      http.post<PublicPage>("/api/public/pages.json", { app, kind, settings: settings as unknown as Record<string, unknown> }),
    update: (id: string, change: { settings?: PageSettings; enabled?: boolean }) =>
      http.put<PublicPage>("/api/public/pages.json", { id, ...change } as Record<string, unknown>),
    preview: (app: string, settings: PageSettings) =>
      http.post<DashboardPreview>("/api/public/dashboard/preview.json", { app, settings: settings as unknown as Record<string, unknown> }),
    remove: (id: string) => http.delete<object>("/api/public/pages.json", { id }),
    receipt: (app: string) => http.get<{ format: ReceiptFormat | null }>("/api/app/receipt.json", { app }),
    setReceipt: (app: string, format: ReceiptFormat | null) =>
      http.put<{ format: ReceiptFormat | null }>("/api/app/receipt.json", { app, format: format as unknown as Record<string, unknown> }),
  };
}

export type PublicPagesApi = ReturnType<typeof publicPagesApi>;
