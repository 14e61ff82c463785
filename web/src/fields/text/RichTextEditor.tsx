// RICH_TEXT editing: bold, italic, underline, strike-through, lists and links, with the
// usual shortcuts (Ctrl+B, Ctrl+I, Ctrl+U, …). Loaded on first use (TipTap/ProseMirror is
// the largest part of the form's code), so lists and read-only pages never pay for it.
import { BoldOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, StrikethroughOutlined, UnderlineOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { Button, Input, Popover, Space, Tooltip, type InputRef } from "antd";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useI18n } from "../../app/I18nProvider";
import { normalizeEditorHtml, sanitizeRichText } from "../../lib/richText";
import type { FieldInputProps } from "../inputProps";

type Mark = "bold" | "italic" | "underline" | "strike" | "bulletList" | "orderedList" | "link";

export function RichTextEditor({ value, onChange, label, id, invalid }: FieldInputProps) {
  const { t } = useI18n();
  const html = (value as string | null) ?? "";
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: false, codeBlock: false, link: { openOnClick: false, autolink: true, protocols: ["mailto", "tel"] } })],
    content: sanitizeRichText(html),
    editorProps: { attributes: { id, role: "textbox", "aria-multiline": "true", "aria-label": label, class: "rich-text rich-text-editable" } },
    onUpdate: ({ editor: e }) => onChange(normalizeEditorHtml(e.getHTML())),
  });
  // A value set from outside (reload after a conflict, a reset) replaces the document.
  useEffect(() => {
    if (editor && !editor.isDestroyed && normalizeEditorHtml(editor.getHTML()) !== html) editor.commands.setContent(sanitizeRichText(html), { emitUpdate: false });
  }, [editor, html]);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const marks: Mark[] = ["bold", "italic", "underline", "strike", "bulletList", "orderedList", "link"];
      return Object.fromEntries(marks.map((m) => [m, e?.isActive(m) ?? false])) as Record<Mark, boolean>;
    },
  });
  if (!editor) return null;

  const tool = (mark: Mark, icon: ReactNode, run: (e: Editor) => void) => (
    <Tooltip title={t(`rich.${mark}`)}>
      <Button size="small" type={active?.[mark] ? "primary" : "text"} icon={icon} aria-label={t(`rich.${mark}`)} aria-pressed={active?.[mark] ?? false}
        onMouseDown={(e) => e.preventDefault()} onClick={() => run(editor)} />
    </Tooltip>
  );
  return (
    <div className={`rich-text-field${invalid ? " invalid" : ""}`}>
      <div role="toolbar" aria-label={t("rich.toolbar", { label })} className="rich-text-toolbar">
        {tool("bold", <BoldOutlined aria-hidden />, (e) => e.chain().focus().toggleBold().run())}
        {tool("italic", <ItalicOutlined aria-hidden />, (e) => e.chain().focus().toggleItalic().run())}
        {tool("underline", <UnderlineOutlined aria-hidden />, (e) => e.chain().focus().toggleUnderline().run())}
        {tool("strike", <StrikethroughOutlined aria-hidden />, (e) => e.chain().focus().toggleStrike().run())}
        {tool("bulletList", <UnorderedListOutlined aria-hidden />, (e) => e.chain().focus().toggleBulletList().run())}
        {tool("orderedList", <OrderedListOutlined aria-hidden />, (e) => e.chain().focus().toggleOrderedList().run())}
        <LinkTool editor={editor} active={active?.link ?? false} />
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}

/** Adds, changes or removes the link on the selected text. */
function LinkTool({ editor, active }: { editor: Editor; active: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [href, setHref] = useState("");
  const input = useRef<InputRef>(null);
  // The address field takes the focus once the popover is shown (autoFocus fires before
  // the popover's portal is in place).
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() => input.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [open]);
  // Escape leaves the link as it was and goes back to the text.
  const close = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || !open) return;
    e.stopPropagation();
    setOpen(false);
    editor.commands.focus();
  };
  const apply = () => {
    const url = href.trim();
    const chain = editor.chain().focus().extendMarkRange("link");
    if (url === "") chain.unsetLink().run();
    else chain.setLink({ href: /^(https?:|mailto:|tel:)/i.test(url) ? url : `https://${url}` }).run();
    setOpen(false);
  };
  return (
    <Popover open={open} onOpenChange={(o) => { setOpen(o); if (o) setHref((editor.getAttributes("link").href as string | undefined) ?? ""); }}
      trigger="click" content={
        <Space.Compact>
          <Input ref={input} aria-label={t("rich.linkUrl")} placeholder="https://" value={href} onChange={(e) => setHref(e.target.value)} onPressEnter={apply}
            onKeyDown={close} style={{ width: "min(260px, 60vw)" }} />
          <Button type="primary" onClick={apply}>{t("common.ok")}</Button>
        </Space.Compact>
      }>
      <Tooltip title={t("rich.link")}>
        <Button size="small" type={active ? "primary" : "text"} icon={<LinkOutlined aria-hidden />} aria-label={t("rich.link")} aria-pressed={active} onKeyDown={close} />
      </Tooltip>
    </Popover>
  );
}
