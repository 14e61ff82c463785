// The residents' endpoints. No session and no CSRF token: these calls carry no credentials.
export interface Look {
  title: string;
  description: string;
  theme: { primaryColor: string; backgroundColor: string; textColor: string; fontScale: number };
  logo: string;
}

export interface PublicField {
  code: string;
  type: string;
  label: string;
  help: string;
  required: boolean;
  options?: string[];
  maxLength?: number;
  protocol?: string;
  defaultValue?: unknown;
}

export interface PublicFormPage extends Look {
  fields: PublicField[];
  attachments: { maxBytes: number; maxCount: number; types: string[] };
  state: "open" | "notYetOpen" | "closed" | "full";
  /** Present only when this form mails a confirmation and mail delivery is set up. */
  confirmationMail?: { toField: string };
}

export interface LookupKeyField {
  code: string;
  label: string;
  help: string;
  type: string;
  match: "exact" | "last4";
}

export interface PublicLookupPage extends Look {
  keys: LookupKeyField[];
}

export interface LookupResult {
  title: string;
  fields: { label: string; value: string }[];
}

export interface Bilingual {
  ja: string;
  en: string;
}

export interface DashboardColumn {
  kind: "group" | "measure";
  key: string;
  label: Bilingual;
  per?: "DAY" | "WEEK" | "MONTH" | "YEAR";
}

export interface DashboardRow {
  keys: Bilingual[];
  values: (number | null)[];
  suppressed: boolean;
}

export interface PublicDashboardPage extends Look {
  chart: "bar" | "line" | "pie";
  columns: DashboardColumn[];
  rows: DashboardRow[];
  minCount: number;
  refreshMinutes: number;
  asOf: string;
}

/** A server answer that is not a success: kintone's error body, or a network failure. */
export class PublicError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: Record<string, { messages: string[] }>;
  constructor(status: number, code: string, message: string, errors: Record<string, { messages: string[] }> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

async function call<T>(method: string, path: string, lang: string, body?: BodyInit, json = false): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      body,
      credentials: "omit",
      headers: { "Accept-Language": lang, ...(json ? { "Content-Type": "application/json" } : {}) },
    });
  } catch {
    throw new PublicError(0, "network", "");
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new PublicError(response.status, data.code ?? "", data.message ?? "", data.errors ?? {});
  return data as T;
}

export const publicApi = {
  form: (token: string, lang: string) =>
    call<PublicFormPage>("GET", `/api/public/form.json?token=${encodeURIComponent(token)}`, lang),
  submit: (token: string, idempotencyKey: string, record: Record<string, unknown>, files: { field: string; file: File }[], lang: string) => {
    const body = new FormData();
    body.append("token", token);
    body.append("idempotencyKey", idempotencyKey);
    body.append("record", JSON.stringify(record));
    for (const f of files) body.append(`file:${f.field}`, f.file, f.file.name);
    return call<{ receipt: string; completionMessage: string }>("POST", "/api/public/form/submit.json", lang, body);
  },
  lookup: (token: string, lang: string) =>
    call<PublicLookupPage>("GET", `/api/public/lookup.json?token=${encodeURIComponent(token)}`, lang),
  dashboard: (token: string, lang: string) =>
    call<PublicDashboardPage>("GET", `/api/public/dashboard.json?token=${encodeURIComponent(token)}`, lang),
  search: (token: string, keys: Record<string, string>, lang: string) =>
    call<LookupResult>("POST", "/api/public/lookup/search.json", lang, JSON.stringify({ token, keys }), true),
};

/** A random key for one filled-in form, so a retried send is recognised as the same. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
