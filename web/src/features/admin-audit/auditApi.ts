// Administrators' audit log calls (/api/audit/…), over the session transport. The CSV goes
// through fetch too: the session API needs a header a plain link cannot send.
import type { Transport } from "../../api/http";

export interface AuditEntry {
  seq: string;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  user: string;
  address: string;
  action: string;
  app: string | null;
  target: string;
  detail: Record<string, unknown>;
}

export function auditApi(http: Transport) {
  return {
    search: (params: Record<string, string>) => http.get<{ entries: AuditEntry[] }>("/api/audit/log.json", params),
    exportCsv: (filter: Record<string, string>) => http.download("/api/audit/export.csv", filter),
  };
}

export type AuditApi = ReturnType<typeof auditApi>;
