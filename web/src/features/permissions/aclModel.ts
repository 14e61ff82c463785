// Pure helpers of the permission editors: entity keys for pickers, reordering, new
// entries, and kintone's `errors` keys (`rights[1].entities[0].entity.code`) mapped to the
// entry they concern.
import type { AppAclEntry, Entity, EntityType, FieldAclEntity, RecordAclEntity } from "./aclApi";

export const EVERYONE: Entity = { type: "GROUP", code: "everyone" };

/** `USER:sato`, `CREATOR:`: one string per entity for Select values and React keys. */
export function entityKey(entity: Entity): string {
  return `${entity.type}:${entity.code ?? ""}`;
}

export function entityOfKey(key: string): Entity {
  const colon = key.indexOf(":");
  const type = key.slice(0, colon) as EntityType;
  const code = key.slice(colon + 1);
  return { type, code: type === "CREATOR" ? null : code };
}

export function isEveryone(entity: Entity): boolean {
  return entity.type === "GROUP" && entity.code === EVERYONE.code;
}

/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item!);
  return out;
}

export function newAppEntry(entity: Entity): AppAclEntry {
  return {
    entity,
    includeSubs: false,
    appEditable: false,
    recordViewable: true,
    recordAddable: false,
    recordEditable: false,
    recordDeletable: false,
    recordImportable: false,
    recordExportable: false,
  };
}

export function newRecordEntity(entity: Entity): RecordAclEntity {
  return { entity, includeSubs: false, viewable: true, editable: false, deletable: false };
}

export function newFieldEntity(entity: Entity): FieldAclEntity {
  return { entity, includeSubs: false, accessibility: "READ" };
}

export interface EntryErrors {
  /** Messages per entry: "2" for rights[2], "2.0" for rights[2].entities[0]. */
  byEntry: Record<string, string[]>;
  /** Messages that name no entry (the whole list, the app). */
  other: string[];
}

const ENTRY_KEY = /^rights\[(\d+)\](?:\.entities\[(\d+)\])?/;

export function entryErrors(errors: Record<string, { messages: string[] }> | undefined): EntryErrors {
  const out: EntryErrors = { byEntry: {}, other: [] };
  for (const [key, { messages }] of Object.entries(errors ?? {})) {
    const m = ENTRY_KEY.exec(key);
    if (!m) {
      out.other.push(...messages);
      continue;
    }
    const id = m[2] === undefined ? m[1]! : `${m[1]}.${m[2]}`;
    const list = (out.byEntry[id] ??= []);
    for (const message of messages) if (!list.includes(message)) list.push(message);
  }
  return out;
}

/** Record ids typed as "1, 2 3"; null when something else than positive numbers is there. */
export function parseIds(text: string): string[] | null {
  const parts = text.split(/[\s,、]+/).filter((p) => p !== "");
  if (!parts.every((p) => /^[1-9]\d*$/.test(p))) return null;
  return [...new Set(parts)];
}

/** An entry with a key that stays the same while it is edited and moved (for React and drag). */
export interface Keyed<T> {
  key: string;
  value: T;
}

let nextKey = 0;
export function keyed<T>(value: T): Keyed<T> {
  nextKey += 1;
  return { key: `k${nextKey}`, value };
}
export function keyedAll<T>(values: readonly T[]): Keyed<T>[] {
  return values.map(keyed);
}
export function values<T>(list: readonly Keyed<T>[]): T[] {
  return list.map((k) => k.value);
}
