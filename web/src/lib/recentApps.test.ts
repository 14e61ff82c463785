import { expect, it } from "vitest";
import { pushRecent } from "./recentApps";

it("moves a reopened app to the front and caps the list", () => {
  expect(pushRecent(["1", "2", "3"], "2")).toEqual(["2", "1", "3"]);
  expect(pushRecent(["1", "2"], "3", 2)).toEqual(["3", "1"]);
});
