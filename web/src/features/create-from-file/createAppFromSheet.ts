// Makes an app from confirmed column guesses: create, add one field per column, lay them
// out one per row in sheet order, deploy, then import the rows.
import type { ApiClient } from "../../api/client";
import { deployAndWait } from "../../api/deploy";
import type { FieldProperty, LayoutRow, Properties } from "../../api/types";
import { newFieldProperty } from "../../fields/fieldTypes";
import { optionsFrom } from "../../fields/options";
import type { Cell, ColumnGuess } from "../../lib/inferType";
import { importRecords, recordsFor } from "./importRecords";

export type Stage = "create" | "fields" | "deploy" | "import" | "done";

export function distinctValues(rows: Cell[][], index: number): string[] {
  const values = rows.map((r) => r[index]).map((c) => (c === null || c === undefined ? "" : String(c).trim()));
  return [...new Set(values.filter((v) => v !== ""))];
}

export function fieldFor(column: ColumnGuess, rows: Cell[][], index: number): FieldProperty {
  const property = newFieldProperty(column.type, column.code, column.label);
  if (column.type === "DROP_DOWN") {
    property.options = optionsFrom(column.options.length > 0 ? column.options : distinctValues(rows, index));
  }
  return property;
}

export async function createAppFromSheet(
  api: ApiClient,
  name: string,
  columns: ColumnGuess[],
  rows: Cell[][],
  onStage: (stage: Stage, done?: number, total?: number) => void,
): Promise<string> {
  onStage("create");
  const { app } = await api.createApp(name);
  onStage("fields");
  const properties: Properties = Object.fromEntries(columns.map((c, i) => [c.code, fieldFor(c, rows, i)]));
  const { revision } = await api.addFields(app, properties);
  const layout: LayoutRow[] = columns.map((c) => ({ type: "ROW", fields: [{ type: c.type, code: c.code }] }));
  const laidOut = await api.updateLayout(app, layout, revision);
  onStage("deploy");
  const status = await deployAndWait(api, app, { revision: laidOut.revision });
  if (status !== "SUCCESS") throw new Error(`deploy ${status}`);
  onStage("import", 0, rows.length);
  await importRecords(api, app, recordsFor(columns, rows), (done, total) => onStage("import", done, total));
  onStage("done");
  return app;
}
