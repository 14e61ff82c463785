// Helpers to create and deploy apps through the real client, as a kintone script would.
export async function deploy(client, app) {
  await client.app.deployApp({ apps: [{ app }] });
  for (let i = 0; i < 200; i++) {
    const { apps } = await client.app.getDeployStatus({ apps: [app] });
    if (apps[0].status !== "PROCESSING") return apps[0].status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("deploy did not finish");
}

export async function createApp(client, name, properties) {
  const { app } = await client.app.addApp({ name });
  if (properties) await client.app.addFormFields({ app, properties });
  const status = await deploy(client, app);
  if (status !== "SUCCESS") throw new Error(`deploy ${status}`);
  return app;
}
