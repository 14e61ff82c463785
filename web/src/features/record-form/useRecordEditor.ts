// Loads an app's live form and one record (or a new one), tracks edits, saves with the
// record's revision, and on a revision conflict reloads the record keeping the user's
// edits (GAIA_CO02, spec §5.3).
import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "../../api/client";
import { ErrorCodes, isApiError } from "../../api/errors";
import type { LayoutRow, Properties, RawValue } from "../../api/types";
import { groupErrors, type FieldErrors } from "../../lib/errorKeys";
import { viewableProperties } from "../../lib/viewableFields";
import {
  changedFields,
  initialValues,
  rebaseValues,
  toWriteRecord,
  valuesFromRecord,
  type RecordValues,
} from "../../lib/fieldValue";

interface FormDef {
  name: string;
  properties: Properties;
  layout: LayoutRow[];
}

const noErrors: FieldErrors = { byField: {}, byCell: {}, other: [] };

export interface SaveFailure {
  failed: "fields" | "conflict" | "other";
}

export function useRecordEditor(api: ApiClient, app: string, recordId: string | undefined, seed?: RecordValues) {
  const [def, setDef] = useState<FormDef | null>(null);
  const [original, setOriginal] = useState<RecordValues>({});
  const [values, setValues] = useState<RecordValues>({});
  const [revision, setRevision] = useState<string | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [errors, setErrors] = useState<FieldErrors>(noErrors);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    setDef(null);
    try {
      const [fields, layout, appInfo, record] = await Promise.all([
        api.fields(app, false),
        api.layout(app, false),
        api.app(app),
        recordId ? api.record(app, recordId) : Promise.resolve(null),
      ]);
      // Field permissions: the server leaves out of the record the fields this user may not
      // view, so the form does not show them (as empty inputs) either.
      const properties = record ? viewableProperties(fields.properties, record.record) : fields.properties;
      setDef({ name: appInfo.name, properties, layout: layout.layout });
      if (record) {
        const v = valuesFromRecord(record.record);
        setOriginal(v);
        setValues(v);
        setRevision(record.record.$revision?.value as string | undefined);
      } else {
        const v = { ...initialValues(fields.properties, new Date()), ...(seed ?? {}) };
        setOriginal({});
        setValues(v);
        setRevision(undefined);
      }
      setErrors(noErrors);
    } catch (error) {
      setLoadError(error);
    }
    // `seed` is read once per record id on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, app, recordId]);

  useEffect(() => {
    void load();
  }, [load]);

  const setValue = useCallback((code: string, value: RawValue) => {
    setValues((v) => ({ ...v, [code]: value }));
    // A changed field's server error no longer applies.
    setErrors((e) => {
      if (!e.byField[code]) return e;
      const byField = { ...e.byField };
      delete byField[code];
      const byCell = Object.fromEntries(Object.entries(e.byCell).filter(([k]) => !k.startsWith(`${code}/`)));
      return { ...e, byField, byCell };
    });
  }, []);

  /** Saves; returns the new record id on add, the same id on update, or why it failed: the
   *  page tells the user to fix fields only when the server named fields. */
  const save = useCallback(async (): Promise<string | SaveFailure> => {
    if (!def) return { failed: "other" };
    setBusy(true);
    setSaveError(null);
    setErrors(noErrors);
    try {
      if (!recordId) {
        // Fields still at their default are left to the server, which fills them in: a field
        // the user may not edit (field permissions) must not be written at all.
        const typed = changedFields(initialValues(def.properties, new Date()), values);
        const { id } = await api.addRecord(app, toWriteRecord(def.properties, values, typed));
        return id;
      }
      const changed = changedFields(original, values);
      const { revision: next } = await api.updateRecord(app, recordId, toWriteRecord(def.properties, values, changed), revision);
      setRevision(next);
      setOriginal(values);
      return recordId;
    } catch (error) {
      if (isApiError(error, ErrorCodes.recordConflict)) {
        setConflict(true);
        return { failed: "conflict" };
      }
      if (isApiError(error) && error.errors) {
        setErrors(groupErrors(error.errors));
        return { failed: "fields" };
      }
      setSaveError(error);
      return { failed: "other" };
    } finally {
      setBusy(false);
    }
  }, [api, app, def, original, recordId, revision, values]);

  /** After a conflict: take the latest record, put the user's edits back on top. */
  const reloadKeepingInput = useCallback(async () => {
    if (!recordId) return;
    setBusy(true);
    try {
      const { record } = await api.record(app, recordId);
      const latest = valuesFromRecord(record);
      setValues(rebaseValues(latest, original, values));
      setOriginal(latest);
      setRevision(record.$revision?.value as string | undefined);
      setConflict(false);
    } catch (error) {
      setSaveError(error);
    } finally {
      setBusy(false);
    }
  }, [api, app, original, recordId, values]);

  const remove = useCallback(async () => {
    if (!recordId) return;
    await api.deleteRecords(app, [recordId], revision ? [revision] : undefined);
  }, [api, app, recordId, revision]);

  const dirty = changedFields(original, values).size > 0;
  return { def, values, setValue, revision, loadError, saveError, errors, conflict, setConflict, busy, dirty, save, reloadKeepingInput, remove, reload: load };
}
