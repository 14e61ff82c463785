// Saving a view: check its filter and sort against the live app with a one-record query,
// write the whole view set to the preview, then deploy so everyone sees it (views are app
// settings in kintone; there is no per-view endpoint).
import type { ApiClient } from "../../../api/client";
import { deployAndWait } from "../../../api/deploy";
import type { View } from "../../../api/types";
import { buildQuery } from "../../../lib/query";
import type { ViewDraft, ViewPayload } from "./viewModel";

export class DeployFailedError extends Error {}

export async function checkDraftQuery(api: ApiClient, app: string, draft: ViewDraft): Promise<void> {
  await api.records(app, { query: buildQuery({ condition: draft.filterCond, orderBy: draft.sort, limit: 1 }), fields: ["$id"] });
}

/** Whether the preview holds app changes not yet live (saving a view would publish them). */
export async function hasPendingChanges(api: ApiClient, app: string): Promise<boolean> {
  const [preview, live] = await Promise.all([api.views(app, true), api.views(app, false)]);
  return preview.revision !== live.revision;
}

/** Replaces the preview views with `views`, deploys, and returns the live views. */
export async function publishViews(api: ApiClient, app: string, update: (current: Record<string, View>) => Record<string, ViewPayload>): Promise<Record<string, View>> {
  const current = await api.views(app, true);
  await api.updateViews(app, update(current.views), current.revision);
  const status = await deployAndWait(api, app);
  if (status !== "SUCCESS") throw new DeployFailedError(status);
  return (await api.views(app, false)).views;
}
