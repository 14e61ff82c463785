// UI steps shared by suites.
export async function createAppInUi(page, name) {
  await page.getByRole("link", { name: "ポータル" }).click();
  await page.getByRole("button", { name: "アプリを作成" }).first().click();
  await page.getByLabel("アプリ名").fill(name);
  await page.getByRole("button", { name: "作成", exact: true }).click();
  await page.waitForURL(/\/apps\/\d+\/form$/);
  await page.getByRole("heading", { name: `フォーム: ${name}` }).waitFor();
  return page.url().match(/\/apps\/(\d+)\/form$/)[1];
}

/** Adds a field from the palette with the keyboard (Enter) and names it; returns its card. */
export async function addField(page, type, label, { code } = {}) {
  await page.getByTestId(`palette-${type}`).focus();
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("property-panel");
  await panel.getByTestId("prop-label").fill(label);
  if (code) await panel.getByTestId("prop-code").fill(code);
  return page.getByTestId(`canvas-item-${code ?? label}`);
}

export async function deployInUi(page) {
  await page.getByRole("button", { name: "アプリを更新" }).click();
  await page.getByText("アプリを更新しました。").last().waitFor();
}

/** Sets `app`'s permissions so that only the administrator manages it (and imports, exports and
 *  deletes), while everyone views, adds and edits records: the usual "staff" set-up of the
 *  permission tests. Asserts the server took it. */
export async function onlyAdminManages(page, app) {
  const acl = await callApi(page, "PUT", "app/acl.json", { app, rights: [
    { entity: { type: "USER", code: "admin" }, appEditable: true, recordViewable: true, recordAddable: true, recordEditable: true, recordDeletable: true, recordImportable: true, recordExportable: true },
    { entity: { type: "GROUP", code: "everyone" }, recordViewable: true, recordAddable: true, recordEditable: true },
  ] });
  if (acl.status !== 200) throw new Error(`app/acl.json: ${acl.status} ${JSON.stringify(acl.body)}`);
}

/** Calls the REST API from the signed-in page, as the UI does (session + CSRF token): "records.json" means /k/v1/records.json, a path
 *  starting with "/" (the User API's "/v1/users.json", Tsumiki's "/api/…") is used as it is. */
export async function callApi(page, method, path, body = {}) {
  return page.evaluate(
    async ([m, p, b]) => {
      const session = await (await fetch("/api/session.json", { headers: { "X-Requested-With": "XMLHttpRequest" } })).json();
      const headers = { "X-Requested-With": "XMLHttpRequest" };
      let url = p.startsWith("/") ? p : `/k/v1/${p}`; // "/v1/users.json" etc. as given
      let payload;
      if (m === "GET" || m === "DELETE") {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(b)) {
          if (Array.isArray(v)) v.forEach((x, i) => q.append(`${k}[${i}]`, String(x)));
          else q.append(k, String(v));
        }
        if (m === "DELETE") q.append("__REQUEST_TOKEN__", session.csrfToken);
        url += `?${q}`;
      } else {
        headers["Content-Type"] = "application/json";
        payload = JSON.stringify({ ...b, __REQUEST_TOKEN__: session.csrfToken });
      }
      const r = await fetch(url, { method: m, headers, body: payload });
      return { status: r.status, body: await r.json() };
    },
    [method, path, body],
  );
}

/** Creates and deploys an app through the API; returns its id. */
export async function createAppByApi(page, name, properties) {
  const created = await callApi(page, "POST", "preview/app.json", { name });
  const app = created.body.app;
  const added = await callApi(page, "POST", "preview/app/form/fields.json", { app, properties });
  if (added.status !== 200) throw new Error(JSON.stringify(added.body));
  await callApi(page, "POST", "preview/app/deploy.json", { apps: [{ app }] });
  for (let i = 0; i < 100; i++) {
    const s = await callApi(page, "GET", "preview/app/deploy.json", { apps: [app] });
    if (s.body.apps[0].status !== "PROCESSING") break;
    await page.waitForTimeout(100);
  }
  return app;
}

/** Opens the antd Select named `label` and picks the option with exactly this text. */
export async function pick(page, label, option) {
  const choice = page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
    .first();
  // Under load a click can land while the previous dropdown is still closing (or the popover
  // holding the select is still moving), which leaves this one shut: open it again only when
  // it is closed. No Escape here: it would also close a popover or drawer around the select.
  const select = page.getByLabel(label, { exact: true });
  for (let attempt = 1; ; attempt++) {
    if ((await select.getAttribute("aria-expanded")) !== "true") await select.click();
    try {
      await choice.click({ timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
