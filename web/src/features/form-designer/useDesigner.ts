// State and commands of the form designer: load the preview form, edit it, save it
// (fields + layout), deploy it, or revert to the live app. UI-free.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApiClient } from "../../api/client";
import { deployAndWait } from "../../api/deploy";
import { isApiError } from "../../api/errors";
import type { DeployStatus, FieldProperty, LayoutRow, Properties } from "../../api/types";
import { parseErrorKey } from "../../lib/errorKeys";
import {
  formFromServer,
  reconcile,
  uidGenerator,
  type DesignForm,
} from "./designerModel";
import { addsFirst, saveRequests } from "./designerSave";
import { validateForm } from "./designerValidation";

interface Loaded {
  name: string;
  properties: Properties;
  layout: LayoutRow[];
  revision: string;
}

/** Server messages for one field: all of them, and per definition property (`minValue`, …). */
export interface ServerFieldErrors {
  messages: string[];
  byProperty: Record<string, string[]>;
}

export function fieldErrors(errors: Record<string, { messages: string[] }> | undefined): Record<string, ServerFieldErrors> {
  const result: Record<string, ServerFieldErrors> = {};
  for (const [key, { messages }] of Object.entries(errors ?? {})) {
    const target = parseErrorKey(key);
    if (!target) continue;
    const entry = (result[target.field] ??= { messages: [], byProperty: {} });
    entry.messages.push(...messages);
    if (target.property) {
      // Under the definition property (`lookup`) and, for nested ones, the full path too
      // (`lookup.relatedKeyField`), so a settings section can show each on its control.
      const top = target.property.split(".")[0]!;
      (entry.byProperty[top] ??= []).push(...messages);
      if (target.property !== top) (entry.byProperty[target.property] ??= []).push(...messages);
    }
  }
  return result;
}

export type DesignerResult = { kind: "saved" } | { kind: "deployed"; status: DeployStatus } | { kind: "invalid" };

export function useDesigner(api: ApiClient, app: string) {
  const uid = useRef(uidGenerator()).current;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [form, setFormState] = useState<DesignForm>({ rows: [], hidden: [] });
  const [dirty, setDirty] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, ServerFieldErrors>>({});
  const [busy, setBusy] = useState(false);
  // The status of a failed "update app" (FAIL when the request itself was refused, with
  // actionError saying why), so the page can say the deploy failed; null otherwise.
  const [deployFailed, setDeployFailed] = useState<DeployStatus | null>(null);

  const fetchPreview = useCallback(async (): Promise<Loaded> => {
    const [fields, layout, settings] = await Promise.all([api.fields(app, true), api.layout(app, true), api.settings(app, true)]);
    return { name: settings.name, properties: fields.properties, layout: layout.layout, revision: fields.revision };
  }, [api, app]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const next = await fetchPreview();
      setLoaded(next);
      setFormState(formFromServer(next.properties, next.layout, uid));
      setDirty(false);
      setServerErrors({});
    } catch (error) {
      setLoadError(error);
    }
  }, [fetchPreview, uid]);

  useEffect(() => {
    void load();
  }, [load]);

  const setForm = useCallback((update: (form: DesignForm) => DesignForm) => {
    setFormState((current) => {
      const next = update(current);
      if (next !== current) setDirty(true);
      return next;
    });
  }, []);

  const problems = useMemo(() => validateForm(form), [form]);

  const save = useCallback(async (): Promise<boolean> => {
    if (!loaded) return false;
    if (problems.size > 0) return false;
    setBusy(true);
    setActionError(null);
    setDeployFailed(null);
    setServerErrors({});
    const requests = saveRequests(loaded.properties, form);
    let revision = loaded.revision;
    try {
      const update = async () => {
        if (Object.keys(requests.update).length > 0) revision = (await api.updateFields(app, requests.update, revision)).revision;
      };
      const add = async () => {
        if (Object.keys(requests.add).length > 0) revision = (await api.addFields(app, requests.add, revision)).revision;
      };
      if (requests.remove.length > 0) revision = (await api.deleteFields(app, requests.remove, revision)).revision;
      if (addsFirst(requests)) {
        await add();
        await update();
      } else {
        await update();
        await add();
      }
      await api.updateLayout(app, requests.layout, revision);
      await load();
      return true;
    } catch (error) {
      setActionError(error);
      if (isApiError(error)) setServerErrors(fieldErrors(error.errors));
      // Keep the user's form; learn what did get saved so the next try does not repeat it.
      try {
        const latest = await fetchPreview();
        setLoaded(latest);
        setFormState((current) => reconcile(current, latest.properties));
      } catch {
        // the error shown already tells the user to retry
      }
      return false;
    } finally {
      setBusy(false);
    }
  }, [api, app, fetchPreview, form, load, loaded, problems]);

  const deploy = useCallback(async (): Promise<DeployStatus | null> => {
    if (dirty && !(await save())) return null;
    setBusy(true);
    setActionError(null);
    setDeployFailed(null);
    try {
      const status = await deployAndWait(api, app);
      await load();
      if (status !== "SUCCESS") setDeployFailed(status);
      return status;
    } catch (error) {
      // The preview stays as saved; show why the server would not make it live, on the
      // fields concerned when it names them.
      setActionError(error);
      setDeployFailed("FAIL");
      if (isApiError(error)) setServerErrors(fieldErrors(error.errors));
      return null;
    } finally {
      setBusy(false);
    }
  }, [api, app, dirty, load, save]);

  const discard = useCallback(async () => {
    setBusy(true);
    setActionError(null);
    setDeployFailed(null);
    try {
      await deployAndWait(api, app, { revert: true });
      await load();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }, [api, app, load]);

  return { loaded, form, setForm, dirty, problems, busy, loadError, actionError, deployFailed, serverErrors, uid, save, deploy, discard, reload: load };
}

export type Designer = ReturnType<typeof useDesigner>;
export type { FieldProperty };
