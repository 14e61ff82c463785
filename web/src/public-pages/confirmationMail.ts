// Whether the resident is told about a confirmation e-mail, and to which address. The server
// names the form's mail field only when the form sends one and mail delivery is set up, so
// the page never promises a mail that will not come.
import type { FieldValue } from "./FieldInput";
import type { PublicFormPage } from "./publicApi";

/** The field whose address receives the confirmation, or null when no mail is sent. */
export function confirmationMailField(page: PublicFormPage): string | null {
  const code = page.confirmationMail?.toField;
  return code && page.fields.some((f) => f.code === code) ? code : null;
}

/** The address the confirmation went to: the mail field as entered, or null if left empty. */
export function confirmationMailAddress(page: PublicFormPage, values: Record<string, FieldValue>): string | null {
  const code = confirmationMailField(page);
  const value = code ? values[code] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}
