// Reading the server's `errors` object (spec §3.2) for the directory screens. Pure.
// Single-item writes key problems like "users[0].email" or "userOrganizations[0].primaryOrganization";
// CSV imports key them "rows[N].column" with N the file's line (the header is line 1) or "csv"
// for the file as a whole.

export type ErrorsObject = Record<string, { messages: string[] }> | undefined;

/** Messages per property of the one item a form sent: "users[0].email" → "email". */
export function itemErrors(errors: ErrorsObject): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, { messages }] of Object.entries(errors ?? {})) {
    const property = /^[A-Za-z]+\[\d+\]\.([A-Za-z]+)/.exec(key)?.[1] ?? key;
    const list = (out[property] ??= []);
    for (const m of messages) if (!list.includes(m)) list.push(m);
  }
  return out;
}

/**
 * Messages per form field of the user screen's one-request save (/api/directory/user.json):
 * "user.email" → email; every "memberships…" problem → organizations; "groups[1]" → groups.
 */
export function userAccountErrors(errors: ErrorsObject): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, { messages }] of Object.entries(errors ?? {})) {
    const field = key.startsWith("user.") ? key.slice(5).split(/[.[]/)[0]! : key.startsWith("memberships") ? "organizations" : key.startsWith("groups") ? "groups" : key;
    const list = (out[field] ??= []);
    for (const m of messages) if (!list.includes(m)) list.push(m);
  }
  return out;
}

export interface RowProblem {
  /** The file's line, or null for a problem with the whole file (a missing column). */
  line: number | null;
  /** The column, or "" when the problem concerns the whole row or file. */
  column: string;
  messages: string[];
}

/** Import problems by line, file-wide ones first. */
export function importProblems(errors: ErrorsObject): RowProblem[] {
  const out: RowProblem[] = [];
  for (const [key, { messages }] of Object.entries(errors ?? {})) {
    const m = /^rows\[(\d+)\](?:\.(.+))?$/.exec(key);
    out.push(m ? { line: Number(m[1]), column: m[2] ?? "", messages } : { line: null, column: key === "csv" ? "" : key, messages });
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.column.localeCompare(b.column));
}
