// A directory form's write: runs it, keeps the server's per-field messages for the form items
// and the whole error for the alert, and says when it is busy. Shared by the organisation and
// group dialogs and the organisation detail.
import { useState } from "react";
import { isApiError } from "../../api/errors";
import { itemErrors } from "./directoryErrors";

export function useDirectoryWrite() {
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, done: () => void) => {
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      await work();
      done();
    } catch (e) {
      setErrors(itemErrors(isApiError(e) ? e.errors : undefined));
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  /** The messages for these request keys, joined, or undefined when there are none. */
  const err = (...keys: string[]) => keys.flatMap((k) => errors[k] ?? []).join(" ") || undefined;

  return { run, busy, failure, setFailure, err };
}
