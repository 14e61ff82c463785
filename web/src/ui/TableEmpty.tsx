// An empty table's text, dark enough for WCAG AA (antd's placeholder grey is 1.8:1).
export function TableEmpty({ text }: { text: string }) {
  return <span style={{ color: "#595959" }}>{text}</span>;
}
