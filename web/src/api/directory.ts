// The staff directory as the pickers need it: every user, organisation and group with its
// code and name (cybozu User API, /v1/…), read page by page. Staff directories are small
// (a city hall has a few thousand people), so pickers search the whole list locally.
import type { Transport } from "./http";

export interface DirectoryEntry {
  code: string;
  name: string;
}
export interface Directory {
  users: DirectoryEntry[];
  organizations: DirectoryEntry[];
  groups: DirectoryEntry[];
}

const PAGE = 100;
const MAX_PAGES = 200;

async function allPages<K extends string>(http: Transport, path: string, key: K): Promise<DirectoryEntry[]> {
  const out: DirectoryEntry[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await http.get<Record<K, DirectoryEntry[]>>(path, { offset: page * PAGE, size: PAGE });
    const items = answer[key] ?? [];
    out.push(...items.map(({ code, name }) => ({ code, name })));
    if (items.length < PAGE) break;
  }
  return out;
}

export async function loadDirectory(http: Transport): Promise<Directory> {
  const [users, organizations, groups] = await Promise.all([
    allPages(http, "/v1/users.json", "users"),
    allPages(http, "/v1/organizations.json", "organizations"),
    allPages(http, "/v1/groups.json", "groups"),
  ]);
  return { users, organizations, groups };
}

// One read per transport (i.e. per signed-in session) for a minute: a record form with
// several user fields, or a list of inline editors, asks once.
const cache = new WeakMap<Transport, { at: number; directory: Promise<Directory> }>();
const FRESH_MS = 60_000;

export function cachedDirectory(http: Transport, now = Date.now()): Promise<Directory> {
  const hit = cache.get(http);
  if (hit && now - hit.at < FRESH_MS) return hit.directory;
  const directory = loadDirectory(http);
  cache.set(http, { at: now, directory });
  directory.catch(() => cache.delete(http));
  return directory;
}
