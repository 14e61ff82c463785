// Text handling for two-factor enrolment: the secret shown in groups for typing it into an
// authenticator app by hand, and the code the user types back. Pure.

/** "ZB4NNU65E6PE…" → "ZB4N NU65 E6PE …": groups of four are easier to read and compare. */
export function groupSecret(secret: string, size = 4): string {
  const plain = secret.replace(/[\s=]/g, "").toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < plain.length; i += size) groups.push(plain.slice(i, i + size));
  return groups.join(" ");
}

/** The code as typed, without the spaces or dashes some apps show ("123 456"). */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}

/** Whether the typed text is a six-digit code an authenticator app shows. */
export function isSixDigitCode(typed: string): boolean {
  return /^\d{6}$/.test(normaliseCode(typed));
}

/** The recovery codes as a text file: one a line, with a heading saying what they are for. */
export function recoveryCodesText(heading: string, codes: readonly string[]): string {
  return [heading, "", ...codes, ""].join("\n");
}
