// Copies an app's live form, layout, views and description into a new app (records are
// not copied), then deploys it. System fields keep the source's codes and labels so the
// copied layout and views refer to the right fields.
import type { ApiClient } from "../../api/client";
import { deployAndWait } from "../../api/deploy";
import type { FieldType, Properties, View } from "../../api/types";

const SYSTEM: ReadonlySet<FieldType> = new Set(["RECORD_NUMBER", "CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME"]);
const NOT_COPIED: ReadonlySet<FieldType> = new Set(["STATUS", "STATUS_ASSIGNEE", "CATEGORY"]);

export interface CopyPlan {
  add: Properties;
  /** System fields of the new app to rename, keyed by their code in the new app. */
  rename: Properties;
}

export function planCopy(source: Properties, target: Properties): CopyPlan {
  const add: Properties = {};
  const rename: Properties = {};
  for (const property of Object.values(source)) {
    if (NOT_COPIED.has(property.type)) continue;
    if (SYSTEM.has(property.type)) {
      const own = Object.values(target).find((p) => p.type === property.type);
      if (own && (own.code !== property.code || own.label !== property.label)) {
        rename[own.code] = { type: property.type, code: property.code, label: property.label, noLabel: property.noLabel };
      }
      continue;
    }
    add[property.code] = structuredClone(property);
  }
  return { add, rename };
}

export async function copyApp(api: ApiClient, sourceApp: string, name: string): Promise<string> {
  const [fields, layout, views, settings] = await Promise.all([
    api.fields(sourceApp, false),
    api.layout(sourceApp, false),
    api.views(sourceApp, false),
    api.settings(sourceApp, false),
  ]);
  const { app } = await api.createApp(name);
  const own = await api.fields(app, true);
  const plan = planCopy(fields.properties, own.properties);
  let revision = own.revision;
  if (Object.keys(plan.rename).length > 0) revision = (await api.updateFields(app, plan.rename, revision)).revision;
  if (Object.keys(plan.add).length > 0) revision = (await api.addFields(app, plan.add, revision)).revision;
  revision = (await api.updateLayout(app, layout.layout, revision)).revision;
  const listViews = Object.fromEntries(
    Object.entries(views.views)
      .filter(([, v]) => !v.builtinType)
      .map(([key, v]) => {
        const copy: Omit<View, "id"> & { id?: string } = { ...v };
        delete copy.id;
        return [key, copy];
      }),
  );
  if (Object.keys(listViews).length > 0) revision = (await api.updateViews(app, listViews, revision)).revision;
  if (settings.description) revision = (await api.updateSettings(app, { description: settings.description }, revision)).revision;
  const status = await deployAndWait(api, app, { revision });
  if (status !== "SUCCESS") throw new Error(`deploy ${status}`);
  return app;
}
