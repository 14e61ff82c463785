// The signed-in user's own account (/api/session/…): password change and two-factor
// sign-in, over the session transport.
import type { Transport } from "../../api/http";
import type { Session } from "../../api/types";

export interface TotpEnrolment {
  /** Base32 secret, for typing into an authenticator app by hand. */
  secret: string;
  /** otpauth://totp/… URI, shown as a QR code. */
  uri: string;
}

export function accountApi(http: Transport) {
  return {
    /** Ends every other session and answers with a fresh one for this browser. */
    changePassword: (currentPassword: string, newPassword: string) =>
      http.post<Session>("/api/session/password.json", { currentPassword, newPassword }),
    beginTotp: () => http.post<TotpEnrolment>("/api/session/totp/begin.json", {}),
    /** Turns two-factor sign-in on; the recovery codes are shown this once only. */
    confirmTotp: (code: string) => http.post<{ recoveryCodes: string[] }>("/api/session/totp/confirm.json", { code }),
    disableTotp: (password: string) => http.post<object>("/api/session/totp/disable.json", { password }),
  };
}

export type AccountApi = ReturnType<typeof accountApi>;
