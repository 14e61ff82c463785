// The error every API call rejects with: kintone's JSON error shape (spec §3.1) plus the
// HTTP status. Non-JSON failures (proxy pages, network loss) get a synthetic code.

export interface ErrorDetail {
  messages: string[];
}

export class KintoneApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly id: string;
  readonly errors: Record<string, ErrorDetail> | undefined;

  constructor(status: number, code: string, message: string, id = "", errors?: Record<string, ErrorDetail>) {
    super(message);
    this.name = "KintoneApiError";
    this.status = status;
    this.code = code;
    this.id = id;
    this.errors = errors;
  }
}

/** Codes the UI reacts to specifically. */
export const ErrorCodes = {
  notSignedIn: "CB_AU01",
  invalidInput: "CB_VA01",
  tooManyAttempts: "CB_LO01",
  twoFactorRequired: "TK_TF01",
  recordConflict: "GAIA_CO02",
  settingsConflict: "GAIA_CO03",
  network: "NETWORK",
  badResponse: "BAD_RESPONSE",
} as const;

export function isApiError(error: unknown, code?: string): error is KintoneApiError {
  return error instanceof KintoneApiError && (code === undefined || error.code === code);
}
