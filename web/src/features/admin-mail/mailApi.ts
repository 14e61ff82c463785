// Administrators' calls for outgoing mail (/api/admin/mail/…), over the session transport.
import type { Transport } from "../../api/http";

export type Security = "none" | "starttls" | "tls";

export interface SmtpSettings {
  enabled: boolean;
  host: string;
  port: number;
  security: Security;
  verifyTls: boolean;
  username: string;
  passwordSet: boolean;
  fromAddress: string;
  fromName: string;
  timeoutSeconds: number;
  maxAttempts: number;
}

/** What a save sends: the settings, and a password only when one was typed. */
export type SmtpSettingsChange = Omit<SmtpSettings, "passwordSet"> & { password?: string };

export type MailStatus = "queued" | "sent" | "failed";

export interface OutboxMessage {
  id: string;
  status: MailStatus;
  kind: string;
  app: string | null;
  record: string | null;
  to: string;
  subject: string;
  attempts: number;
  lastError: string;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

export interface Outbox {
  messages: OutboxMessage[];
  totalCount: string;
  counts: Record<MailStatus, number>;
}

export function mailApi(http: Transport) {
  return {
    settings: () => http.get<{ settings: SmtpSettings }>("/api/admin/mail/settings.json"),
    save: (settings: SmtpSettingsChange) =>
      http.put<{ settings: SmtpSettings }>("/api/admin/mail/settings.json", { settings: settings as unknown as Record<string, unknown> }),
    test: (to: string) => http.post<object>("/api/admin/mail/test.json", { to }),
    outbox: (status: MailStatus | "", offset = 0, limit = 50) =>
      http.get<Outbox>("/api/admin/mail/outbox.json", { ...(status ? { status } : {}), offset: String(offset), limit: String(limit) }),
    retry: (id: string) => http.post<object>("/api/admin/mail/retry.json", { id }),
  };
}

export type MailApi = ReturnType<typeof mailApi>;
