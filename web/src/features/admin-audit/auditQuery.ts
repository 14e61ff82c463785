// The audit screen's search as it lives in the address bar (so it can be bookmarked and the
// back button works) and as the API wants it (GET /api/audit/log.json and export.csv).
// Dates are whole days in the browser's time zone; "to" includes its day. Pure.

export interface AuditSearch {
  /** Login name, exact. */
  user: string;
  /** An action ("login.failure") or a prefix ending in "." ("login." = every login.*). */
  action: string;
  /** App ID. */
  app: string;
  /** YYYY-MM-DD, inclusive. */
  fromDate: string;
  /** YYYY-MM-DD, inclusive. */
  toDate: string;
  /** 1-based. */
  page: number;
}

export const PAGE_SIZE = 50;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KEYS = ["user", "action", "app", "fromDate", "toDate"] as const;

export const emptySearch: AuditSearch = { user: "", action: "", app: "", fromDate: "", toDate: "", page: 1 };

export function searchFromParams(params: URLSearchParams): AuditSearch {
  const page = Number(params.get("page"));
  const s: AuditSearch = { ...emptySearch, page: Number.isInteger(page) && page > 1 ? page : 1 };
  for (const key of KEYS) s[key] = (params.get(key) ?? "").trim();
  return s;
}

export function searchToParams(s: AuditSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) if (s[key].trim()) params.set(key, s[key].trim());
  if (s.page > 1) params.set("page", String(s.page));
  return params;
}

export function isFiltered(s: AuditSearch): boolean {
  return KEYS.some((key) => s[key].trim() !== "");
}

/** The instant a local calendar day starts, `addDays` later, as ISO 8601 UTC. */
export function localDayStart(date: string, addDays = 0): string | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays).toISOString();
}

/** The filter the server understands: user, action, app, from (inclusive), to (exclusive). */
export function apiFilter(s: AuditSearch): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.user.trim()) out.user = s.user.trim();
  if (s.action.trim()) out.action = s.action.trim();
  if (s.app.trim()) out.app = s.app.trim();
  // A malformed date is passed on as typed so the server's per-field error explains it.
  if (s.fromDate) out.from = localDayStart(s.fromDate) ?? s.fromDate;
  if (s.toDate) out.to = localDayStart(s.toDate, 1) ?? s.toDate;
  return out;
}

/** One page of the log; one entry more than shown tells whether a next page exists. */
export function pageParams(s: AuditSearch, pageSize = PAGE_SIZE): Record<string, string> {
  return { ...apiFilter(s), offset: String((s.page - 1) * pageSize), limit: String(pageSize + 1) };
}
