// Launches Debian's Chromium through playwright-core (no browser download) with a fresh
// profile, and closes it when the test file ends.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { repoRoot } from "./server.mjs";

// Screenshots land in a temporary folder (printed once) so a test run leaves the tree
// clean; UPDATE_SCREENSHOTS=1 writes them to docs/images for the README and docs.
export const screenshotDir = process.env.UPDATE_SCREENSHOTS === "1" ? join(repoRoot, "docs/images") : join(tmpdir(), "tsumiki-e2e-screenshots");
let announced = false;

export async function launch({ locale = "ja-JP", viewport = { width: 1366, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "tsumiki-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    locale,
    viewport,
    // The app switches antd's animations off for people who ask for less motion. Tests ask
    // too: a click that lands while a modal is still zooming in can press on one element
    // and release on another, which is no click at all (seen on a loaded 2-core CI box).
    reducedMotion: "reduce",
  });
  const consoleErrors = [];
  context.on("page", (page) => watch(page, consoleErrors));
  for (const page of context.pages()) watch(page, consoleErrors);
  after(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 20000));
  return { context, page, consoleErrors };
}

function watch(page, errors) {
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  if (!announced) {
    announced = true;
    console.log(`# e2e: screenshots in ${screenshotDir}`);
  }
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

export async function signIn(page, baseUrl, { username, password }) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(/ログイン名|Login name/).fill(username);
  await page.getByLabel(/^(パスワード|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(ログイン|Sign in)$/ }).click();
  await page.getByRole("heading", { name: /^(アプリ|Apps)$/ }).waitFor();
}
