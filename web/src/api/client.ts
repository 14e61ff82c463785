// Typed calls for the endpoints the UI uses: session (/api/session…), apps and app
// settings (spec §7), records (§5) and files (§8). One method per endpoint and verb.
import type { Transport } from "./http";
import type {
  App,
  AppSettings,
  DeployStatus,
  KintoneRecord,
  LayoutRow,
  Properties,
  Session,
  View,
  WriteRecord,
} from "./types";


export class ApiClient {
  private readonly http: Transport;

  constructor(http: Transport) {
    this.http = http;
  }

  /** The session transport, for feature modules that call Tsumiki's own endpoints. */
  get transport(): Transport {
    return this.http;
  }

  // Session (Tsumiki's browser sign-in; kintone has no public API for it).
  /** `otp`: the authenticator app's code (or a recovery code) for two-factor accounts. */
  login(username: string, password: string, otp?: string): Promise<Session> {
    return this.http.post("/api/session/login.json", otp ? { username, password, otp } : { username, password });
  }
  logout(): Promise<object> {
    return this.http.post("/api/session/logout.json", {});
  }
  /** Ends every session of the signed-in user, on every device. */
  logoutEverywhere(): Promise<object> {
    return this.http.post("/api/session/logoutAll.json", {});
  }
  session(): Promise<Session> {
    return this.http.get("/api/session.json");
  }

  // Apps
  apps(params: { name?: string; limit?: number; offset?: number } = {}): Promise<{ apps: App[] }> {
    return this.http.get("/k/v1/apps.json", params);
  }
  app(id: string): Promise<App> {
    return this.http.get("/k/v1/app.json", { id });
  }
  createApp(name: string): Promise<{ app: string; revision: string }> {
    return this.http.post("/k/v1/preview/app.json", { name });
  }
  settings(app: string, preview: boolean): Promise<AppSettings> {
    return this.http.get(`/k/v1/${preview ? "preview/" : ""}app/settings.json`, { app });
  }
  updateSettings(app: string, settings: Partial<AppSettings>, revision?: string): Promise<{ revision: string }> {
    return this.http.put("/k/v1/preview/app/settings.json", { app, ...settings, revision });
  }

  // Form
  fields(app: string, preview: boolean): Promise<{ properties: Properties; revision: string }> {
    return this.http.get(`/k/v1/${preview ? "preview/" : ""}app/form/fields.json`, { app });
  }
  addFields(app: string, properties: Properties, revision?: string): Promise<{ revision: string }> {
    return this.http.post("/k/v1/preview/app/form/fields.json", { app, properties, revision });
  }
  updateFields(app: string, properties: Properties, revision?: string): Promise<{ revision: string }> {
    return this.http.put("/k/v1/preview/app/form/fields.json", { app, properties, revision });
  }
  deleteFields(app: string, fields: string[], revision?: string): Promise<{ revision: string }> {
    return this.http.delete("/k/v1/preview/app/form/fields.json", { app, fields, revision });
  }
  layout(app: string, preview: boolean): Promise<{ layout: LayoutRow[]; revision: string }> {
    return this.http.get(`/k/v1/${preview ? "preview/" : ""}app/form/layout.json`, { app });
  }
  updateLayout(app: string, layout: LayoutRow[], revision?: string): Promise<{ revision: string }> {
    return this.http.put("/k/v1/preview/app/form/layout.json", { app, layout, revision });
  }
  views(app: string, preview: boolean): Promise<{ views: Record<string, View>; revision: string }> {
    return this.http.get(`/k/v1/${preview ? "preview/" : ""}app/views.json`, { app });
  }
  updateViews(app: string, views: Record<string, Omit<View, "id"> & { id?: string }>, revision?: string): Promise<{ revision: string }> {
    return this.http.put("/k/v1/preview/app/views.json", { app, views, revision });
  }
  deploy(app: string, options: { revision?: string; revert?: boolean } = {}): Promise<object> {
    return this.http.post("/k/v1/preview/app/deploy.json", {
      apps: [{ app, revision: options.revision }],
      revert: options.revert ?? false,
    });
  }
  deployStatus(app: string): Promise<{ apps: Array<{ app: string; status: DeployStatus }> }> {
    return this.http.get("/k/v1/preview/app/deploy.json", { apps: [app] });
  }

  // Records
  records(
    app: string,
    params: { query?: string; fields?: string[]; totalCount?: boolean },
  ): Promise<{ records: KintoneRecord[]; totalCount: string | null }> {
    return this.http.get("/k/v1/records.json", { app, ...params });
  }
  record(app: string, id: string): Promise<{ record: KintoneRecord }> {
    return this.http.get("/k/v1/record.json", { app, id });
  }
  addRecord(app: string, record: WriteRecord): Promise<{ id: string; revision: string }> {
    return this.http.post("/k/v1/record.json", { app, record });
  }
  addRecords(app: string, records: WriteRecord[]): Promise<{ ids: string[]; revisions: string[] }> {
    return this.http.post("/k/v1/records.json", { app, records });
  }
  updateRecord(app: string, id: string, record: WriteRecord, revision?: string): Promise<{ revision: string }> {
    return this.http.put("/k/v1/record.json", { app, id, record, revision });
  }
  updateRecords(
    app: string,
    records: Array<{ id: string; record: WriteRecord; revision?: string }>,
  ): Promise<{ records: Array<{ id: string; revision: string }> }> {
    return this.http.put("/k/v1/records.json", { app, records });
  }
  deleteRecords(app: string, ids: string[], revisions?: string[]): Promise<object> {
    return this.http.delete("/k/v1/records.json", { app, ids, revisions });
  }

  /** Tsumiki's spreadsheet import: all rows in one transaction (at most 10,000), or a dry run. */
  importRecords(
    app: string,
    records: WriteRecord[],
    options: { updateKey?: string; dryRun?: boolean } = {},
  ): Promise<{ added: string; updated: string; dryRun: boolean }> {
    return this.http.post("/api/records/import.json", { app, records, ...options });
  }

  createCursor(app: string, params: { fields?: string[]; query?: string; size?: number }): Promise<{ id: string; totalCount: string }> {
    return this.http.post("/k/v1/records/cursor.json", { app, ...params });
  }
  readCursor(id: string): Promise<{ records: KintoneRecord[]; next: boolean }> {
    return this.http.get("/k/v1/records/cursor.json", { id });
  }
  deleteCursor(id: string): Promise<object> {
    return this.http.delete("/k/v1/records/cursor.json", { id });
  }

  // Files
  uploadFile(file: File | Blob, name: string): Promise<{ fileKey: string }> {
    const form = new FormData();
    form.append("file", file, name);
    return this.http.upload("/k/v1/file.json", form);
  }
  downloadFile(fileKey: string): Promise<Blob> {
    return this.http.download("/k/v1/file.json", { fileKey });
  }
}
