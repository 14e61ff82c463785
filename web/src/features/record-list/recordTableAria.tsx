// Table semantics for the record list when antd draws it as a virtual list (div rows):
// without them a screen reader meets a header table of one row and then loose text. The
// list is wrapped in role=table by the page; here the header's own <table> steps aside
// (role=presentation, its rows and cells named explicitly), the scrolled body is a rowgroup
// and every drawn row and cell says what it is. Rows carry aria-rowindex (set by the page's
// onRow), so "row 212 of 501" is announced although only ~20 rows exist in the DOM.
// Through antd's `components` hook, not by patching the DOM; React 19 passes `ref` as a
// prop, which the virtual list needs on its scrolled holder.
import type { SpinProps, TableProps } from "antd";
import TableMeasureRowContext from "antd/es/table/TableMeasureRowContext";
import { useContext, type ComponentProps, type ReactNode } from "react";

const HeaderTable = (props: ComponentProps<"table">) => <table {...props} role="presentation" />;
const HeaderGroup = (props: ComponentProps<"thead">) => <thead {...props} role="rowgroup" />;
const HeaderRow = (props: ComponentProps<"tr">) => <tr {...props} role="row" aria-rowindex={1} />;
// The last header cell can be the space over the body's scroll bar: no column.
const HeaderCell = (props: ComponentProps<"th">) => (
  <th {...props} role={typeof props.className === "string" && props.className.includes("-cell-scrollbar") ? "presentation" : "columnheader"} />
);
const BodyGroup = (props: ComponentProps<"div">) => <div {...props} role="rowgroup" />;
const BodyCell = (props: ComponentProps<"div">) => <div {...props} role="cell" />;

export const VIRTUAL_TABLE_COMPONENTS: TableProps["components"] = {
  header: { table: HeaderTable, wrapper: HeaderGroup, row: HeaderRow, cell: HeaderCell },
  body: { wrapper: BodyGroup, cell: BodyCell },
};

/** The row props of a virtual list's row `index` (0-based; the header is row 1). */
export function virtualRowAria(index: number | undefined) {
  return { role: "row", "aria-rowindex": (index ?? 0) + 2 };
}

/**
 * The select-all check box of the selection column's header. A plain (non-virtual) table
 * also copies every header into a hidden measuring row (aria-hidden, for the column
 * widths); a check box there is a focusable control screen readers are told is not there
 * (axe aria-hidden-focus). In that row an empty box of the same width stands in.
 */
export function SelectAllTitle({ checkbox }: { checkbox: ReactNode }) {
  const measuring = useContext(TableMeasureRowContext);
  return measuring ? <span style={{ display: "inline-block", width: 16 }} /> : checkbox;
}

/**
 * The Table's `loading` for a virtual list. antd wraps the table in a Spin whose root has
 * aria-live=polite and aria-busy: inside role=table that is a child a table may not have
 * (axe aria-required-children), and a live region would read out every row the list
 * mounts while it scrolls. The Spin passes props it does not know to that root, so these
 * two are unset there; the page's table wrapper says aria-busy instead.
 */
export function virtualTableLoading(spinning: boolean): SpinProps {
  return Object.assign({ spinning }, { "aria-live": undefined, "aria-busy": undefined });
}
