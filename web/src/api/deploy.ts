// Deploy (or revert) an app's preview settings and wait until the server reports the
// outcome (spec §7.0: the POST is asynchronous; poll GET deploy.json).
import type { ApiClient } from "./client";
import type { DeployStatus } from "./types";

export async function deployAndWait(
  api: ApiClient,
  app: string,
  options: { revision?: string; revert?: boolean; intervalMs?: number; timeoutMs?: number } = {},
): Promise<DeployStatus> {
  await api.deploy(app, { revision: options.revision, revert: options.revert });
  const interval = options.intervalMs ?? 300;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const { apps } = await api.deployStatus(app);
    const status = apps[0]?.status ?? "SUCCESS";
    if (status !== "PROCESSING") return status;
    if (Date.now() > deadline) return "PROCESSING";
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
