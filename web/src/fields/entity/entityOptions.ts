// Which directory entries a USER_SELECT / ORGANIZATION_SELECT / GROUP_SELECT field offers.
import type { Directory, DirectoryEntry } from "../../api/directory";
import type { Entity, FieldType, UserRef } from "../../api/types";

const LIST: Partial<Record<FieldType, { list: keyof Directory; type: Entity["type"] }>> = {
  USER_SELECT: { list: "users", type: "USER" },
  ORGANIZATION_SELECT: { list: "organizations", type: "ORGANIZATION" },
  GROUP_SELECT: { list: "groups", type: "GROUP" },
};

export interface EntityOption {
  value: string;
  label: string;
}

const option = (e: DirectoryEntry | UserRef): EntityOption => ({ value: e.code, label: e.name ? `${e.name} (${e.code})` : e.code });

/**
 * The candidates of a field: its directory list, narrowed to the field's `entities` when they
 * name entries of the field's own kind (a USER_SELECT limited to organisations or groups would
 * need their memberships, so it offers every user and the server decides). Values already in
 * the record stay offered even when no longer in the directory (a user who left), so they can
 * be seen and removed.
 */
export function entityOptions(type: FieldType, entities: Entity[] | undefined, directory: Directory | undefined, current: UserRef[]): EntityOption[] {
  const kind = LIST[type];
  const all = kind && directory ? directory[kind.list] : [];
  const restrict = (entities ?? []).filter((e) => e.type === kind?.type && e.code).map((e) => e.code as string);
  const own = (entities ?? []).length > 0 && restrict.length === (entities ?? []).length;
  const offered = own ? all.filter((e) => restrict.includes(e.code)) : all;
  const seen = new Set(offered.map((e) => e.code));
  return [...current.filter((r) => !seen.has(r.code)).map(option), ...offered.map(option)];
}

/** The record value for picked codes, keeping names the directory or the old value knows. */
export function pickedRefs(codes: string[], directory: Directory | undefined, type: FieldType, current: UserRef[]): UserRef[] {
  const kind = LIST[type];
  const list = kind && directory ? directory[kind.list] : [];
  return codes.map((code) => {
    const known = list.find((e) => e.code === code) ?? current.find((r) => r.code === code);
    return known?.name ? { code, name: known.name } : { code };
  });
}
