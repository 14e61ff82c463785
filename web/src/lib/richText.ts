// Rich text (kintone's RICH_TEXT holds an HTML fragment) made safe to show: whatever a script
// or an import put into the field, only formatting survives — no scripts, handlers, styles,
// frames or forms. Links open in a new tab without access to this one.
import DOMPurify from "dompurify";

const ALLOWED_TAGS = ["p", "div", "br", "span", "b", "strong", "i", "em", "u", "s", "strike", "del", "ul", "ol", "li",
  "a", "h1", "h2", "h3", "h4", "blockquote", "pre", "code", "hr", "sub", "sup", "table", "thead", "tbody", "tr", "th", "td"];
const ALLOWED_ATTR = ["href", "title", "colspan", "rowspan"];

let hooked = false;

export function sanitizeRichText(html: string): string {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook("afterSanitizeAttributes", (node) => {
      if (node.tagName === "A") {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer");
      }
    });
  }
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, "target", "rel"],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|\/|#)/i,
  });
}

/** The editor's empty document is "<p></p>"; the field stores "" for it, as kintone does. */
export function normalizeEditorHtml(html: string): string {
  return /^(<p>\s*<\/p>)*$/.test(html) ? "" : html;
}
