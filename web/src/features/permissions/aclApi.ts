// The permission endpoints of one app (spec §7.7, kintone shapes): app, record and field
// lists in the preview, Tsumiki's "check as this user", and the directory lists the entity
// pickers offer (cybozu User API, /v1/…).
import { loadDirectory, type Directory } from "../../api/directory";
import type { Transport } from "../../api/http";

export type { Directory, DirectoryEntry } from "../../api/directory";

export type EntityType = "USER" | "GROUP" | "ORGANIZATION" | "CREATOR" | "FIELD_ENTITY";

export interface Entity {
  type: EntityType;
  code: string | null;
}

export const APP_RIGHTS = [
  "recordViewable",
  "recordAddable",
  "recordEditable",
  "recordDeletable",
  "appEditable",
  "recordImportable",
  "recordExportable",
] as const;
export type AppRight = (typeof APP_RIGHTS)[number];

export type AppAclEntry = { entity: Entity; includeSubs: boolean } & Record<AppRight, boolean>;

export const RECORD_RIGHTS = ["viewable", "editable", "deletable"] as const;
export type RecordRight = (typeof RECORD_RIGHTS)[number];
export type RecordAclEntity = { entity: Entity; includeSubs: boolean } & Record<RecordRight, boolean>;
export interface RecordAclRule {
  filterCond: string;
  entities: RecordAclEntity[];
}

export type Accessibility = "WRITE" | "READ" | "NONE";
export interface FieldAclEntity {
  entity: Entity;
  accessibility: Accessibility;
  includeSubs: boolean;
}
export interface FieldAclRule {
  code: string;
  entities: FieldAclEntity[];
}

export interface AclLists {
  app: AppAclEntry[];
  record: RecordAclRule[];
  field: FieldAclRule[];
}
export type AclKind = keyof AclLists;

export interface CheckResult {
  app: Record<AppRight, boolean>;
  /** dependsOnRecord: a field entry decides it per record; viewable/editable hold on every record. */
  fields: Record<string, { viewable: boolean; editable: boolean; dependsOnRecord?: boolean }>;
  rights: Array<{ id: string; record: Record<RecordRight, boolean> }>;
}

export function aclApi(http: Transport) {
  return {
    async lists(app: string): Promise<AclLists> {
      const [a, r, f] = await Promise.all([
        http.get<{ rights: AppAclEntry[] }>("/k/v1/preview/app/acl.json", { app }),
        http.get<{ rights: RecordAclRule[] }>("/k/v1/preview/record/acl.json", { app }),
        http.get<{ rights: FieldAclRule[] }>("/k/v1/preview/field/acl.json", { app }),
      ]);
      return { app: a.rights, record: r.rights, field: f.rights };
    },
    save(app: string, kind: AclKind, rights: AclLists[AclKind]): Promise<{ revision: string }> {
      return http.put(`/k/v1/preview/${kind}/acl.json`, { app, rights });
    },
    checkAs(app: string, user: string, ids: string[]): Promise<CheckResult> {
      return http.get("/api/app/acl/evaluate.json", { app, user, ids });
    },
    directory(): Promise<Directory> {
      return loadDirectory(http);
    },
  };
}
export type AclApi = ReturnType<typeof aclApi>;
