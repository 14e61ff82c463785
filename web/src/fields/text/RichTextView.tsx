// A RICH_TEXT value shown as formatted text, sanitised first (see lib/richText).
import { useMemo } from "react";
import { sanitizeRichText } from "../../lib/richText";

export function RichTextView({ html }: { html: string }) {
  const safe = useMemo(() => sanitizeRichText(html), [html]);
  return <div className="field-value rich-text" dangerouslySetInnerHTML={{ __html: safe }} />;
}
