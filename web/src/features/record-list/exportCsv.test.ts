import { describe, expect, it } from "vitest";
import type { Properties } from "../../api/types";
import { exportColumns } from "./exportCsv";

const properties = {
  レコード番号: { type: "RECORD_NUMBER", code: "レコード番号", label: "レコード番号" },
  氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
} as unknown as Properties;

describe("exportColumns", () => {
  it("puts the record number first when the view leaves it out", () => {
    expect(exportColumns(properties, ["氏名"])).toEqual(["レコード番号", "氏名"]);
  });
  it("keeps the view's own place for it", () => {
    expect(exportColumns(properties, ["氏名", "レコード番号"])).toEqual(["氏名", "レコード番号"]);
  });
  it("leaves the columns alone when the app has no record number field", () => {
    expect(exportColumns({ 氏名: properties.氏名! } as Properties, ["氏名"])).toEqual(["氏名"]);
  });
});
