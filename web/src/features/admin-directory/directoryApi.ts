// The administrators' directory calls: the cybozu User API (/v1/…, spec §10, with Tsumiki's
// group extension) and the CSV export/import of /api/directory/…, over the session transport.
import type { Transport } from "../../api/http";

export interface DirectoryUser {
  id: string;
  code: string;
  name: string;
  email: string;
  timezone: string;
  locale: string;
  valid: boolean;
  /** Tsumiki's extension, sent to administrators only: may manage the directory and settings. */
  isAdmin?: boolean;
  /** The primary organisation's id (not its code), or null. */
  primaryOrganization: string | null;
}

export interface Organization {
  id: string;
  code: string;
  name: string;
  parentCode: string | null;
  description: string;
}

export interface Group {
  id: string;
  code: string;
  name: string;
  description: string;
}

export interface Title {
  id: string;
  code: string;
  name: string;
}

export interface OrganizationTitle {
  organization: Organization;
  title: Title | null;
}

export interface UserTitle {
  user: DirectoryUser;
  title: Title | null;
}

/** What POST/PUT users.json read; unset members stay as they are on PUT. */
export interface UserChange {
  code: string;
  newCode?: string;
  name?: string;
  email?: string;
  password?: string;
  locale?: string;
  timezone?: string;
  valid?: boolean;
  isAdmin?: boolean;
}

export interface OrganizationChange {
  code: string;
  newCode?: string;
  name?: string;
  /** "" or null puts the organisation at the top of the tree. */
  parentCode?: string | null;
}

export interface GroupChange {
  code: string;
  newCode?: string;
  name?: string;
  description?: string;
}

export interface MembershipList {
  organizations: Array<{ orgCode: string; titleCode?: string }>;
  primaryOrganization?: string;
}

/** The user screen's one-request save: absent lists stay as they are. */
export type UserAccountSave = {
  user: UserChange;
  memberships?: MembershipList;
  groups?: string[];
};

export type DirectoryCsvKind = "users" | "organizations" | "memberships" | "groupMemberships";

export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  added: number;
  updated: number;
}

const PAGE = 100;

/** Every page of a /v1 list (the server caps a page at 100); `onProgress` gets the count so far. */
async function allPages<T>(
  http: Transport,
  path: string,
  key: string,
  params: Record<string, string> = {},
  onProgress?: (n: number) => void,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const answer = await http.get<Record<string, T[]>>(path, { ...params, offset, size: PAGE });
    const items = answer[key] ?? [];
    out.push(...items);
    onProgress?.(out.length);
    if (items.length < PAGE) return out;
  }
}

export function directoryApi(http: Transport) {
  return {
    users: (onProgress?: (n: number) => void) => allPages<DirectoryUser>(http, "/v1/users.json", "users", {}, onProgress),
    organizations: () => allPages<Organization>(http, "/v1/organizations.json", "organizations"),
    groups: () => allPages<Group>(http, "/v1/groups.json", "groups"),

    addUser: (user: UserChange) => http.post<object>("/v1/users.json", { users: [user] }),
    /** Account, organisations and groups in one transaction (Tsumiki's /api/directory/user.json). */
    saveUser: (add: boolean, body: UserAccountSave) =>
      add ? http.post<object>("/api/directory/user.json", body) : http.put<object>("/api/directory/user.json", body),
    updateUser: (user: UserChange) => http.put<object>("/v1/users.json", { users: [user] }),
    userOrganizations: (code: string) =>
      http.get<{ organizationTitles: OrganizationTitle[] }>("/v1/user/organizations.json", { code }).then((r) => r.organizationTitles),
    setUserOrganizations: (code: string, list: MembershipList) =>
      http.put<object>("/v1/userOrganizations.json", { userOrganizations: [{ code, ...list }] }),
    userGroups: (code: string) => http.get<{ groups: Group[] }>("/v1/user/groups.json", { code }).then((r) => r.groups),
    setUserGroups: (code: string, groups: string[]) => http.put<object>("/v1/userGroups.json", { userGroups: [{ code, groups }] }),

    addOrganization: (o: OrganizationChange) => http.post<object>("/v1/organizations.json", { organizations: [o] }),
    updateOrganization: (o: OrganizationChange) => http.put<object>("/v1/organizations.json", { organizations: [o] }),
    deleteOrganization: (code: string) => http.delete<object>("/v1/organizations.json", { codes: [code] }),
    organizationUsers: (code: string) =>
      allPages<UserTitle>(http, "/v1/organization/users.json", "userTitles", { code }),

    addGroup: (g: GroupChange) => http.post<object>("/v1/groups.json", { groups: [g] }),
    updateGroup: (g: GroupChange) => http.put<object>("/v1/groups.json", { groups: [g] }),
    deleteGroup: (code: string) => http.delete<object>("/v1/groups.json", { codes: [code] }),
    groupUsers: (code: string) => allPages<DirectoryUser>(http, "/v1/group/users.json", "users", { code }),

    exportCsv: (kind: DirectoryCsvKind) => http.download("/api/directory/export.csv", { kind }),
    importCsv: (kind: DirectoryCsvKind, csv: string, dryRun: boolean) =>
      http.post<ImportSummary>("/api/directory/import.json", { kind, csv, dryRun }),
  };
}

export type DirectoryApi = ReturnType<typeof directoryApi>;
