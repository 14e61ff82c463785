import { beforeAll, describe, expect, it } from "vitest";
import { apiFilter, emptySearch, isFiltered, localDayStart, pageParams, searchFromParams, searchToParams } from "./auditQuery";

beforeAll(() => {
  // Node applies a changed TZ at once; Japan has no daylight saving, so the figures are fixed.
  process.env.TZ = "Asia/Tokyo";
});

describe("address bar", () => {
  it("reads a search and writes it back without empty entries", () => {
    const s = searchFromParams(new URLSearchParams("user=tanaka&action=login.&fromDate=2026-11-01&page=3"));
    expect(s).toEqual({ user: "tanaka", action: "login.", app: "", fromDate: "2026-11-01", toDate: "", page: 3 });
    expect(searchToParams(s).toString()).toBe("user=tanaka&action=login.&fromDate=2026-11-01&page=3");
  });
  it("starts at page 1 when the page is missing or nonsense", () => {
    expect(searchFromParams(new URLSearchParams("page=-2")).page).toBe(1);
    expect(searchFromParams(new URLSearchParams("page=x")).page).toBe(1);
    expect(searchToParams({ ...emptySearch, user: " " }).toString()).toBe("");
  });
  it("knows whether anything is filtered", () => {
    expect(isFiltered(emptySearch)).toBe(false);
    expect(isFiltered({ ...emptySearch, app: "3" })).toBe(true);
    expect(isFiltered({ ...emptySearch, page: 2 })).toBe(false);
  });
});

describe("API filter", () => {
  it("turns local days into an instant range with the last day included", () => {
    expect(apiFilter({ ...emptySearch, fromDate: "2026-11-01", toDate: "2026-11-30" })).toEqual({
      from: "2026-10-31T15:00:00.000Z",
      to: "2026-11-30T15:00:00.000Z",
    });
  });
  it("rolls a month end over and passes a malformed date on for the server to refuse", () => {
    expect(localDayStart("2026-12-31", 1)).toBe("2026-12-31T15:00:00.000Z");
    expect(apiFilter({ ...emptySearch, fromDate: "2026/11/01" })).toEqual({ from: "2026/11/01" });
  });
  it("asks for one entry more than a page to know whether another page follows", () => {
    expect(pageParams({ ...emptySearch, user: "tanaka", action: "twofactor.", app: "7", page: 3 }, 50)).toEqual({
      user: "tanaka",
      action: "twofactor.",
      app: "7",
      offset: "100",
      limit: "51",
    });
  });
});
