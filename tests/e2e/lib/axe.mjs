// axe-core (WCAG 2.1 A/AA) over the whole page. Injected through the DevTools protocol, so a
// page's strict CSP does not block it. A failure names each rule, the elements and axe's reason.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** `pointerAway`: rest the mouse off the controls first, so a hovered button's lighter shade is
 *  not the state checked. */
export async function expectNoAxeViolations(page, name, { pointerAway = false } = {}) {
  if (pointerAway) await page.mouse.move(1, 899);
  await page.evaluate(axeSource + ";0");
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const problems = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.any[0]?.message ?? ""})`).join(", ")}`);
  assert.deepEqual(problems, [], `${name}: axe violations`);
}
