// CSV as Excel writes and reads it (RFC 4180): comma separated, fields quoted when they
// hold a comma, quote or line break, quotes doubled, CRLF between records. Pure.

/** Rows of cells. Accepts CRLF, LF or CR line ends and line breaks inside quoted cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === ",") endCell();
    else if (c === "\r") {
      endRow();
      if (text[i + 1] === "\n") i++;
    } else if (c === "\n") endRow();
    else cell += c;
    i++;
  }
  if (cell !== "" || row.length > 0) endRow();
  // Excel leaves no trailing empty record; drop fully empty trailing rows from editors that do.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === "")) rows.pop();
  return rows;
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function encodeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCell).join(",")).join("\r\n") + "\r\n";
}
