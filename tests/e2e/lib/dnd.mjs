// Mouse drag for dnd-kit, which reacts to pointer moves (Playwright's dragTo is too quick
// for its activation distance).
export async function drag(page, source, target, { offsetX = 0.5, offsetY = 0.5 } = {}) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  await target.scrollIntoViewIfNeeded();
  const to = await target.boundingBox();
  await page.mouse.move(to.x + to.width * offsetX, to.y + to.height * offsetY, { steps: 15 });
  await page.waitForTimeout(50);
  await page.mouse.up();
  // dnd-kit swallows every click for 50 ms after a drop (its document click listener is
  // removed on a timer): a click right after this would be lost on a fast machine.
  await page.waitForTimeout(80);
}
