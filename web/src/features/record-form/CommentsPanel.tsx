// A record's comments: newest first in pages of ten with "newer"/"older", a box to post one
// with mentions picked from the directory (users, organisations, groups; searchable), and
// deleting one's own comment after a confirmation.
import { DeleteOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Input, Popconfirm, Select, Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { Transport } from "../../api/http";
import { useI18n } from "../../app/I18nProvider";
import { cachedDirectory, type Directory } from "../../api/directory";
import { EmptyState, ErrorAlert, LoadingState, errorMessage } from "../../ui/PageState";
import { COMMENTS_PER_PAGE, type CommentEntry, type CommentPage, type RecordExtrasApi } from "./recordExtrasApi";

type MentionType = CommentEntry["mentions"][number]["type"];

export function CommentsPanel({ api, http, app, record, me }: { api: RecordExtrasApi; http: Transport; app: string; record: string; me: string }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<CommentPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState("");
  const [mentions, setMentions] = useState<string[]>([]);
  const [directory, setDirectory] = useState<Directory | undefined>(undefined);
  const [posting, setPosting] = useState(false);

  const load = useCallback(async (at: number) => {
    setError(null);
    try {
      setPage(await api.comments(app, record, at));
      setOffset(at);
    } catch (e) {
      setError(e);
    }
  }, [api, app, record]);
  useEffect(() => { void load(0); }, [load]);

  // The directory is loaded when the mention picker is first opened.
  const loadDirectory = () => {
    if (directory) return;
    void cachedDirectory(http).then(setDirectory, () => setDirectory({ users: [], organizations: [], groups: [] }));
  };

  const post = async () => {
    if (!text.trim()) return;
    setPosting(true);
    try {
      const picked = mentions.map((key) => {
        const [type, ...rest] = key.split(":");
        return { type: type as MentionType, code: rest.join(":") };
      });
      await api.addComment(app, record, text, picked);
      setText("");
      setMentions([]);
      await load(0);
    } catch (e) {
      void message.error(errorMessage(e, t("common.networkError")));
    } finally {
      setPosting(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await api.deleteComment(app, record, id);
      void message.success(t("comments.deleted"));
      await load(offset);
    } catch (e) {
      void message.error(errorMessage(e, t("common.networkError")));
    }
  };

  const options = directory
    ? [
        { label: t("perm.users"), options: directory.users.map((u) => ({ value: `USER:${u.code}`, label: `${u.name} (${u.code})` })) },
        { label: t("perm.organizations"), options: directory.organizations.map((o) => ({ value: `ORGANIZATION:${o.code}`, label: o.name })) },
        { label: t("perm.groups"), options: directory.groups.map((g) => ({ value: `GROUP:${g.code}`, label: g.name })) },
      ]
    : [];
  const when = (iso: string) => new Date(iso).toLocaleString(locale === "ja" ? "ja-JP" : "en-GB");

  return (
    <section className="comments-panel" aria-labelledby="comments-heading" data-testid="comments">
      <h2 id="comments-heading">{t("comments.title")}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void post(); }}>
        <label htmlFor="comment-text" className="sr-only">{t("comments.text")}</label>
        <Input.TextArea id="comment-text" value={text} onChange={(e) => setText(e.target.value)} maxLength={65535}
          autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t("comments.placeholder")} />
        <Space wrap style={{ marginTop: 8, width: "100%" }}>
          <Select
            mode="multiple"
            aria-label={t("comments.mentions")}
            placeholder={t("comments.mentions")}
            style={{ minWidth: 220, maxWidth: "100%" }}
            value={mentions}
            onChange={(v: string[]) => setMentions(v.slice(0, 10))}
            onFocus={loadDirectory}
            onDropdownVisibleChange={(open) => { if (open) loadDirectory(); }}
            loading={directory === undefined && mentions.length === 0 ? false : directory === undefined}
            showSearch={{ optionFilterProp: "label" }}
            options={options}
            notFoundContent={directory ? t("perm.noEntities") : t("common.loading")}
            data-testid="comment-mentions"
          />
          <Button type="primary" htmlType="submit" loading={posting} disabled={!text.trim()}>{t("comments.post")}</Button>
        </Space>
      </form>
      {error !== null && <ErrorAlert error={error} onRetry={() => void load(offset)} />}
      {!page && error === null && <LoadingState />}
      {page && page.comments.length === 0 && offset === 0 && <EmptyState message={t("comments.empty")} />}
      {page && page.comments.length > 0 && (
        <ol className="comment-list">
          {page.comments.map((c) => (
            <li key={c.id} className="comment" data-testid={`comment-${c.id}`}>
              <p className="comment-head">
                <strong>{c.creator.name || c.creator.code}</strong>{" "}
                <time dateTime={c.createdAt} className="muted">{when(c.createdAt)}</time>
                {c.creator.code === me && (
                  <Popconfirm title={t("comments.deleteConfirm")} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }}
                    onConfirm={() => void remove(c.id)}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t("comments.delete")} />
                  </Popconfirm>
                )}
              </p>
              {c.mentions.length > 0 && <p className="muted">{c.mentions.map((m) => `@${m.code}`).join(" ")}</p>}
              <p className="comment-text">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {page && (page.newer || page.older) && (
        <Space>
          <Button disabled={!page.newer} onClick={() => void load(Math.max(0, offset - COMMENTS_PER_PAGE))}>{t("comments.newer")}</Button>
          <Button disabled={!page.older} onClick={() => void load(offset + COMMENTS_PER_PAGE)}>{t("comments.older")}</Button>
        </Space>
      )}
    </section>
  );
}
