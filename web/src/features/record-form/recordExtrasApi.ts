// Record comments (kintone §5.9), Tsumiki's record history (/api/record/history.json) and
// the signed-in user's rights for the record form (/api/record/rights.json), over the
// session's transport.
import type { Transport } from "../../api/http";

export interface CommentEntry {
  id: string;
  text: string;
  createdAt: string;
  creator: { code: string; name: string };
  mentions: { code: string; type: "USER" | "GROUP" | "ORGANIZATION" }[];
}
export interface CommentPage {
  comments: CommentEntry[];
  older: boolean;
  newer: boolean;
}
export interface HistoryChange {
  code: string;
  label: string;
  type: string;
  before: unknown;
  after: unknown;
}
export interface HistoryEntry {
  revision: string;
  action: "add" | "update" | "delete";
  at: string;
  user: { code: string; name: string };
  changes: HistoryChange[];
}
export interface FieldRight {
  viewable: boolean;
  editable: boolean;
}
export interface FormRights {
  app: Record<string, boolean>;
  record: { viewable?: boolean; editable?: boolean; deletable?: boolean; addable?: boolean };
  fields: Record<string, FieldRight>;
}

export const COMMENTS_PER_PAGE = 10;
export const HISTORY_PER_PAGE = 20;

export function recordExtrasApi(http: Transport) {
  return {
    comments(app: string, record: string, offset: number): Promise<CommentPage> {
      return http.get("/k/v1/record/comments.json", { app, record, order: "desc", offset, limit: COMMENTS_PER_PAGE });
    },
    addComment(app: string, record: string, text: string, mentions: CommentEntry["mentions"]): Promise<{ id: string }> {
      return http.post("/k/v1/record/comment.json", { app, record, comment: { text, mentions } });
    },
    deleteComment(app: string, record: string, comment: string): Promise<object> {
      return http.delete("/k/v1/record/comment.json", { app, record, comment });
    },
    history(app: string, id: string, offset: number): Promise<{ history: HistoryEntry[]; totalCount: string }> {
      return http.get("/api/record/history.json", { app, id, offset, limit: HISTORY_PER_PAGE });
    },
    rights(app: string, id?: string): Promise<FormRights> {
      return http.get("/api/record/rights.json", id ? { app, id } : { app });
    },
  };
}
export type RecordExtrasApi = ReturnType<typeof recordExtrasApi>;
