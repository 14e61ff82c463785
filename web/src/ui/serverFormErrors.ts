// Shows a refused request on an antd form: CB_VA01 messages go under their fields; what
// belongs to no field (or any other failure) comes back as text for a banner.
import type { FormInstance } from "antd";
import { ErrorCodes, isApiError } from "../api/errors";
import { splitFormErrors } from "../lib/formErrors";
import { errorMessage } from "./PageState";

export function showServerErrors(form: FormInstance, error: unknown, fields: readonly string[], networkText: string): string | null {
  if (isApiError(error, ErrorCodes.invalidInput) && error.errors) {
    const split = splitFormErrors(error.errors, fields);
    form.setFields(Object.entries(split.byField).map(([name, errors]) => ({ name, errors })));
    return split.other.length > 0 ? split.other.join(" ") : null;
  }
  return errorMessage(error, networkText);
}
