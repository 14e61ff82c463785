// The actions the server writes to the audit log (api/audit_trail.cpp), in the order the
// search offers them, and the prefixes that select a family ("login." = login.*).
import type { Translate } from "../../app/I18nProvider";
import { en, type MessageKey } from "../../app/messages/en";

export const AUDIT_ACTIONS = [
  "login",
  "login.failure",
  "logout",
  "logout.everywhere",
  "password.change",
  "password.change.failure",
  "twofactor.enable",
  "twofactor.disable",
  "record.read",
  "record.history.read",
  "record.comments.read",
  "export.cursor",
  "export.directory",
  "audit.export",
  "app.create",
  "app.deploy",
  "app.settings",
  "permission.app",
  "permission.record",
  "permission.field",
  "token.create",
  "token.revoke",
  "token.use",
  "user.add",
  "user.update",
  "user.delete",
  "organization.add",
  "organization.update",
  "organization.delete",
  "group.add",
  "group.update",
  "group.delete",
  "membership.update",
  "directory.import",
  "mail.settings",
  "mail.test",
  "mail.retry",
] as const;

// "login." is left out: it selects login.failure only, which is listed already.
export const AUDIT_ACTION_PREFIXES = ["password.", "twofactor.", "record.", "export.", "app.", "permission.", "token.", "user.", "organization.", "group.", "mail."] as const;

/** The translated name of an action, or the code itself for one this UI does not know. */
export function actionLabel(t: Translate, code: string): string {
  const key = `audit.action.${code}`;
  return key in en ? t(key as MessageKey) : code;
}

/** The translated name of a family of actions ("permission." → "Permission changes"). */
export function familyLabel(t: Translate, prefix: string): string {
  const key = `audit.family.${prefix.slice(0, -1)}`;
  return key in en ? t(key as MessageKey) : `${prefix}*`;
}
