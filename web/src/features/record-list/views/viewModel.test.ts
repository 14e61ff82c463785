import { describe, expect, it } from "vitest";
import type { View } from "../../../api/types";
import { draftOf, draftProblems, selectableViews, sortText, viewsWith, viewsWithout } from "./viewModel";

const views: Record<string, View> = {
  一覧: { type: "LIST", id: "1", name: "一覧", index: "0", filterCond: "", sort: "レコード番号 desc", fields: ["レコード番号", "氏名"] },
  予定: { type: "CALENDAR", id: "2", name: "予定", index: "1", filterCond: "", sort: "", date: "日付", title: "氏名" },
  独自: { type: "CUSTOM", id: "3", name: "独自", index: "2", filterCond: "", sort: "" },
};

describe("views", () => {
  it("offers lists and calendars in index order", () => {
    expect(selectableViews(views).map((v) => v.name)).toEqual(["一覧", "予定"]);
  });

  it("renames a view in place, keeping its position and the other views", () => {
    const draft = { ...draftOf(views["一覧"], []), name: "受付中", filterCond: '状況 in ("受付")' };
    const next = viewsWith(views, draft, "一覧");
    expect(Object.keys(next).sort()).toEqual(["予定", "受付中", "独自"].sort());
    expect(next["受付中"]).toEqual({ type: "LIST", name: "受付中", index: "0", filterCond: '状況 in ("受付")', sort: "レコード番号 desc", fields: ["レコード番号", "氏名"] });
    expect(next["独自"]).toEqual(views["独自"]);
  });

  it("adds a new view after the last and removes one by name", () => {
    const draft = { ...draftOf(undefined, ["氏名"]), name: "新規", sort: [{ field: "日付", direction: "asc" as const }, { field: "氏名", direction: "desc" as const }] };
    const next = viewsWith(views, draft, null);
    expect(next["新規"]).toMatchObject({ index: "3", sort: "日付 asc, 氏名 desc", fields: ["氏名"] });
    expect(Object.keys(viewsWithout(views, "予定"))).toEqual(["一覧", "独自"]);
    expect(sortText([])).toBe("");
  });

  it("names what must be fixed before saving", () => {
    expect(draftProblems({ ...draftOf(undefined, []), name: " " }, views, null)).toEqual(["nameRequired", "noColumns"]);
    expect(draftProblems({ ...draftOf(views["一覧"], []), name: "予定" }, views, "一覧")).toEqual(["nameTaken"]);
    expect(draftProblems({ ...draftOf(views["予定"], []), date: "" }, views, "予定")).toEqual(["dateRequired"]);
    expect(draftProblems(draftOf(views["一覧"], []), views, "一覧")).toEqual([]);
  });
});
