// An in-memory stand-in for `tsumiki serve`, speaking the subset of the kintone REST API
// and the browser-session contract that the web UI uses. It lets the UI be developed and
// its e2e tests run before the C++ endpoints exist; `E2E_SERVER=real` (the default once
// the binary answers) runs the same tests against the real server.
// Not a reference implementation: where it guesses, the spec and the real server win.
import { createServer } from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { parseQuery, evaluate, compareBy } from "./fake-query.mjs";

const SYSTEM = (code, type, label) => ({ type, code, label, noLabel: false });

export function createFakeKintone({ webRoot, users }) {
  const sessions = new Map(); // id -> {user, csrf}
  const apps = new Map(); // id -> app
  const files = new Map(); // key -> {name, type, data}
  const cursors = new Map(); // id -> {list, size}
  let nextApp = 1;
  let nextRow = 100;
  const now = () => new Date().toISOString().slice(0, 16) + ":00Z";

  const err = (status, code, message, errors) => ({ status, body: { code, id: randomBytes(10).toString("hex").slice(0, 20), message, ...(errors ? { errors } : {}) } });
  const ja = (req) => !/^en/.test(req.headers["accept-language"] ?? "ja");
  const msg = (req, j, e) => (ja(req) ? j : e);

  function newApp(name, creator) {
    const id = String(nextApp++);
    const props = {
      レコード番号: SYSTEM("レコード番号", "RECORD_NUMBER", "レコード番号"),
      作成者: SYSTEM("作成者", "CREATOR", "作成者"),
      作成日時: SYSTEM("作成日時", "CREATED_TIME", "作成日時"),
      更新者: SYSTEM("更新者", "MODIFIER", "更新者"),
      更新日時: SYSTEM("更新日時", "UPDATED_TIME", "更新日時"),
    };
    const settings = { name, description: "" };
    const stage = () => ({ properties: structuredClone(props), layout: [], views: {}, settings: structuredClone(settings) });
    const app = { id, preview: stage(), live: stage(), deployed: false, revision: 2, records: new Map(), nextRecord: 1, creator, createdAt: new Date().toISOString(), modifiedAt: new Date().toISOString() };
    apps.set(id, app);
    return app;
  }

  function appObject(app) {
    return { appId: app.id, code: "", name: app.live.settings.name, description: "", spaceId: null, threadId: null, createdAt: app.createdAt, creator: app.creator, modifiedAt: app.modifiedAt, modifier: app.creator };
  }

  function checkRevision(app, revision, req) {
    if (revision === undefined || revision === null || String(revision) === "-1") return null;
    if (String(revision) !== String(app.revision)) return err(409, "GAIA_CO03", msg(req, "アプリの設定が変更されています。", "The app settings have been changed."));
    return null;
  }

  const input = new Set(["SINGLE_LINE_TEXT", "NUMBER", "MULTI_LINE_TEXT", "RICH_TEXT", "LINK", "CHECK_BOX", "RADIO_BUTTON", "DROP_DOWN", "MULTI_SELECT", "DATE", "TIME", "DATETIME", "USER_SELECT", "ORGANIZATION_SELECT", "GROUP_SELECT", "FILE", "SUBTABLE"]);
  const arrays = new Set(["CHECK_BOX", "MULTI_SELECT", "USER_SELECT", "ORGANIZATION_SELECT", "GROUP_SELECT", "FILE", "SUBTABLE"]);
  const empty = (type) => (arrays.has(type) ? [] : ["DROP_DOWN", "RADIO_BUTTON", "DATE", "TIME"].includes(type) ? null : "");
  const isEmpty = (v) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

  function defaultOf(p) {
    if (p.defaultNowValue) return p.type === "DATE" ? new Date().toISOString().slice(0, 10) : p.type === "TIME" ? new Date().toISOString().slice(11, 16) : now();
    if (p.defaultValue === undefined || isEmpty(p.defaultValue)) return empty(p.type);
    return structuredClone(p.defaultValue);
  }

  function coerce(p, v, fileMap) {
    if (v === undefined || v === null) return empty(p.type);
    if (p.type === "DROP_DOWN" && v === "") return null;
    if (p.type === "FILE") return v.map((f) => fileMap(f.fileKey)).filter(Boolean);
    if (["USER_SELECT", "ORGANIZATION_SELECT", "GROUP_SELECT"].includes(p.type)) return v.map((u) => ({ code: u.code, name: u.code }));
    if (p.type === "NUMBER" && typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return String(Number(v));
    return v;
  }

  function validate(app, record, prefix, req, errors, selfId) {
    const props = app.live.properties;
    const add = (key, m) => ((errors[key] ??= { messages: [] }).messages.push(m));
    const required = msg(req, "必須です。", "Required.");
    for (const p of Object.values(props)) {
      const v = record[p.code];
      if (!input.has(p.type)) continue;
      if (p.type === "SUBTABLE") {
        (v ?? []).forEach((row, i) => {
          for (const inner of Object.values(p.fields ?? {})) {
            const iv = row.value[inner.code]?.value;
            if (inner.required && isEmpty(iv) && inner.type !== "RADIO_BUTTON") add(`${prefix}.${p.code}.value[${i}].value.${inner.code}.value`, required);
          }
        });
        continue;
      }
      const suffix = arrays.has(p.type) ? "values" : "value";
      if (p.type === "NUMBER" && typeof v === "string" && v.trim() !== "" && !Number.isFinite(Number(v))) {
        add(`${prefix}[${p.code}].value`.replace(/^record\[/, "record["), msg(req, "数字でなければなりません。", "Only numbers are allowed."));
        add(`${prefix}.${p.code}.value`, required);
        continue;
      }
      if (p.required && p.type !== "RADIO_BUTTON" && isEmpty(typeof v === "string" ? v.trim() : v)) add(`${prefix}.${p.code}.${suffix}`, required);
      if (p.type === "NUMBER" && v !== "" && v != null) {
        if (p.maxValue && Number(v) > Number(p.maxValue)) add(`${prefix}.${p.code}.value`, msg(req, `${p.maxValue}以下である必要があります。`, `The value must be ${p.maxValue} or less.`));
        if (p.minValue && Number(v) < Number(p.minValue)) add(`${prefix}.${p.code}.value`, msg(req, `${p.minValue}以上である必要があります。`, `The value must be ${p.minValue} or more.`));
      }
      if (p.maxLength && typeof v === "string" && [...v].length > Number(p.maxLength)) add(`${prefix}.${p.code}.value`, msg(req, `${Number(p.maxLength) + 1}文字より短くなければなりません。`, `Enter less than ${Number(p.maxLength) + 1} characters.`));
      if (p.unique && !isEmpty(v)) {
        for (const other of app.records.values()) {
          if (other.$id !== selfId && other.values[p.code] === v) add(`${prefix}.${p.code}.value`, msg(req, "値がほかのレコードと重複しています。", "This value already exists in another record."));
        }
      }
    }
  }

  function writeValues(app, stored, body, isAdd) {
    const props = app.live.properties;
    const fileMap = (key) => {
      const f = files.get(key);
      return f ? { contentType: f.type, fileKey: key, name: f.name, size: String(f.data.length) } : null;
    };
    for (const p of Object.values(props)) {
      if (!input.has(p.type)) continue;
      const sent = body?.[p.code];
      if (sent === undefined) {
        if (isAdd) stored[p.code] = p.type === "SUBTABLE" ? [] : defaultOf(p);
        continue;
      }
      if (p.type === "SUBTABLE") {
        const old = new Map((stored[p.code] ?? []).map((r) => [r.id, r]));
        stored[p.code] = (sent.value ?? []).map((row) => {
          const prev = row.id && old.get(String(row.id));
          const value = {};
          for (const inner of Object.values(p.fields ?? {})) {
            const cell = row.value?.[inner.code];
            const v = cell === undefined ? (prev ? prev.value[inner.code].value : defaultOf(inner)) : coerce(inner, cell.value, fileMap);
            value[inner.code] = { type: inner.type, value: inner.type === "NUMBER" && v !== "" && !Number.isFinite(Number(v)) ? "" : v };
          }
          return { id: prev ? prev.id : String(nextRow++), value };
        });
      } else {
        stored[p.code] = coerce(p, sent.value, fileMap);
      }
    }
  }

  function readRecord(app, rec, fields) {
    const out = {};
    for (const p of Object.values(app.live.properties)) {
      if (fields && !fields.includes(p.code)) continue;
      let value = rec.values[p.code];
      if (p.type === "RECORD_NUMBER") value = String(rec.$id);
      if (p.type === "CREATOR") value = rec.creator;
      if (p.type === "MODIFIER") value = rec.modifier;
      if (p.type === "CREATED_TIME") value = rec.createdAt;
      if (p.type === "UPDATED_TIME") value = rec.updatedAt;
      if (value === undefined) value = empty(p.type);
      if (["GROUP", "REFERENCE_TABLE"].includes(p.type)) continue;
      out[p.code] = { type: p.type, value: structuredClone(value) };
    }
    if (!fields || fields.includes("$id")) out.$id = { type: "__ID__", value: String(rec.$id) };
    if (!fields || fields.includes("$revision")) out.$revision = { type: "__REVISION__", value: String(rec.revision) };
    return out;
  }

  function applyFieldChanges(app, method, body, req) {
    const props = app.preview.properties;
    const errors = {};
    if (method === "DELETE") {
      const codes = body.fields ?? [];
      for (const code of codes) {
        if (props[code]) {
          delete props[code];
          continue;
        }
        const table = Object.values(props).find((p) => p.type === "SUBTABLE" && p.fields?.[code]);
        if (!table) return err(400, "GAIA_FC01", msg(req, `指定されたフィールド（code: ${code}）が見つかりません。`, `The specified field (code: ${code}) is not found.`));
        delete table.fields[code];
      }
      app.preview.layout = app.preview.layout
        .map((row) => ({ ...row, fields: row.fields?.filter((e) => !codes.includes(e.code)) }))
        .filter((row) => row.type !== "SUBTABLE" || props[row.code])
        .filter((row) => row.type !== "ROW" || row.fields.length > 0);
      return null;
    }
    const codeTaken = (code, except) => {
      for (const p of Object.values(props)) {
        if (p.code === code && p.code !== except) return true;
        for (const inner of Object.values(p.fields ?? {})) if (inner.code === code && inner.code !== except) return true;
      }
      return false;
    };
    const checkCode = (code, key, except) => {
      if (["ステータス", "カテゴリー", "作業者"].includes(code)) {
        errors[`properties[${key}].code`] = { messages: [msg(req, `フィールドコード「${code}」は使用できません。`, `The field code ${code} is reserved.`)] };
      } else if (!code || /^[0-9]/.test(code) || /[\s!-/:-@[-^`{-~]/.test(code)) {
        errors[`properties[${key}].code`] = { messages: [msg(req, "フィールドコードには、文字、数字、「_」（半角アンダースコア）のみ使用できます。先頭に数字は使用できません。", "Field code may contain only letters, digits and _. It cannot start with a digit.")] };
      } else if (codeTaken(code, except)) {
        errors[`properties[${key}].code`] = { messages: [msg(req, `フィールドコード「${code}」が重複しています。`, `Field code ${code} is duplicated.`)] };
      }
    };
    const checkRanges = (def, key) => {
      const bad = (a, b) => a !== undefined && a !== "" && b !== undefined && b !== "" && Number(a) > Number(b);
      const m = msg(req, "最小値が最大値より大きくなっています。", "The minimum is greater than the maximum.");
      if (bad(def.minValue, def.maxValue)) errors[`properties[${key}].minValue`] = { messages: [m] };
      if (bad(def.minLength, def.maxLength)) errors[`properties[${key}].minLength`] = { messages: [m] };
    };
    for (const [key, def] of Object.entries(body.properties ?? {})) {
      if (!def || typeof def !== "object") return err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), { [`properties[${key}]`]: { messages: ["invalid"] } });
      if (method === "POST") {
        if (def.type === "SUBTABLE" && props[key]?.type === "SUBTABLE") {
          for (const [ik, inner] of Object.entries(def.fields ?? {})) {
            checkCode(inner.code ?? ik, ik);
            props[key].fields[inner.code ?? ik] = { ...inner, code: inner.code ?? ik };
          }
          continue;
        }
        checkCode(def.code ?? key, key);
        checkRanges(def, key);
        if (def.type === "DROP_DOWN" || def.type === "RADIO_BUTTON" || def.type === "CHECK_BOX" || def.type === "MULTI_SELECT") {
          if (!def.options || Object.keys(def.options).length === 0) errors[`properties[${key}].options`] = { messages: [msg(req, "必須です。", "Required field.")] };
        }
        if (Object.keys(errors).length) continue;
        props[def.code ?? key] = { ...def, code: def.code ?? key };
        app.preview.layout.push(def.type === "SUBTABLE" ? { type: "SUBTABLE", code: def.code ?? key, fields: Object.values(def.fields ?? {}).map((f) => ({ type: f.type, code: f.code })) } : { type: "ROW", fields: [{ type: def.type, code: def.code ?? key }] });
      } else {
        const current = props[key];
        if (!current) return err(400, "GAIA_FC01", msg(req, `指定されたフィールド（code: ${key}）が見つかりません。`, `The specified field (code: ${key}) is not found.`));
        const newCode = def.code ?? key;
        if (newCode !== key) checkCode(newCode, key, key);
        checkRanges({ ...current, ...def }, key);
        if (Object.keys(errors).length) continue;
        const merged = { ...current, ...def, code: newCode };
        if (current.type === "SUBTABLE") {
          merged.fields = { ...current.fields };
          for (const [ik, inner] of Object.entries(def.fields ?? {})) {
            const nc = inner.code ?? ik;
            const prev = merged.fields[ik];
            delete merged.fields[ik];
            merged.fields[nc] = { ...prev, ...inner, code: nc };
          }
        }
        delete props[key];
        props[newCode] = merged;
      }
    }
    if (Object.keys(errors).length) return err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), errors);
    return null;
  }

  async function kintone(req, path, params, method) {
    const appOf = (id) => {
      const app = apps.get(String(id));
      return app ? app : null;
    };
    const notFound = (id) => err(404, "GAIA_AP01", msg(req, `指定したアプリ（id: ${id}）が見つかりません。削除されている可能性があります。`, `The app (ID: ${id}) not found. The app may have been deleted.`));
    const preview = path.startsWith("preview/");
    const name = preview ? path.slice(8) : path;
    const key = `${method} ${name}`;
    const appId = params.app ?? params.id;
    const app = appId !== undefined ? appOf(appId) : null;
    if (["app/form/fields.json", "app/form/layout.json", "app/views.json", "app/settings.json", "app.json", "record.json", "records.json"].includes(name) || key === "POST app/deploy.json") {
      if (key !== "POST app.json" && name !== "app/deploy.json" && (!app || (!preview && !app.deployed))) return notFound(appId);
    }
    const stage = app ? (preview ? app.preview : app.live) : null;
    switch (key) {
      case "GET apps.json": {
        let list = [...apps.values()].filter((a) => a.deployed);
        if (params.name) list = list.filter((a) => a.live.settings.name.toLowerCase().includes(String(params.name).toLowerCase()));
        const offset = Number(params.offset ?? 0);
        const limit = Number(params.limit ?? 100);
        return { body: { apps: list.slice(offset, offset + limit).map(appObject) } };
      }
      case "GET app.json":
        return { body: appObject(app) };
      case "POST app.json": {
        if (!preview) break;
        if (!params.name || String(params.name).trim() === "") return err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), { name: { messages: [msg(req, "必須です。", "Required field.")] } });
        const created = newApp(String(params.name), req.session.user);
        return { body: { app: created.id, revision: String(created.revision) } };
      }
      case "GET app/settings.json":
        return { body: { ...stage.settings, revision: String(app.revision) } };
      case "GET app/form/fields.json":
        return { body: { properties: stage.properties, revision: String(app.revision) } };
      case "GET app/form/layout.json":
        return { body: { layout: stage.layout, revision: String(app.revision) } };
      case "GET app/views.json":
        return { body: { views: stage.views, revision: String(app.revision) } };
      case "POST app/form/fields.json":
      case "PUT app/form/fields.json":
      case "DELETE app/form/fields.json": {
        if (!preview) break;
        const conflict = checkRevision(app, params.revision, req);
        if (conflict) return conflict;
        const before = structuredClone(app.preview);
        const failure = applyFieldChanges(app, method, params, req);
        if (failure) {
          app.preview = before;
          return failure;
        }
        app.revision++;
        return { body: { revision: String(app.revision) } };
      }
      case "PUT app/form/layout.json": {
        if (!preview) break;
        const conflict = checkRevision(app, params.revision, req);
        if (conflict) return conflict;
        app.preview.layout = structuredClone(params.layout ?? []);
        app.revision++;
        return { body: { revision: String(app.revision) } };
      }
      case "PUT app/views.json": {
        if (!preview) break;
        const conflict = checkRevision(app, params.revision, req);
        if (conflict) return conflict;
        const views = {};
        const ids = {};
        for (const [name, view] of Object.entries(params.views ?? {})) {
          const id = view.id ?? String(Math.floor(Math.random() * 1e9));
          views[name] = { ...view, id, name: view.name ?? name, index: String(view.index ?? 0), filterCond: view.filterCond ?? "", sort: view.sort ?? "" };
          ids[name] = { id };
        }
        app.preview.views = views;
        app.revision++;
        return { body: { views: ids, revision: String(app.revision) } };
      }
      case "PUT app/settings.json": {
        if (!preview) break;
        const conflict = checkRevision(app, params.revision, req);
        if (conflict) return conflict;
        for (const k of ["name", "description"]) if (params[k] !== undefined) app.preview.settings[k] = params[k];
        app.revision++;
        return { body: { revision: String(app.revision) } };
      }
      case "POST app/deploy.json": {
        for (const { app: id, revision } of params.apps ?? []) {
          const target = appOf(id);
          if (!target) return notFound(id);
          const conflict = checkRevision(target, revision, req);
          if (conflict) return conflict;
          if (params.revert) target.preview = structuredClone(target.live);
          else {
            target.live = structuredClone(target.preview);
            target.deployed = true;
            target.modifiedAt = new Date().toISOString();
          }
        }
        return { body: {} };
      }
      case "GET app/deploy.json":
        return { body: { apps: (params.apps ?? []).map((id) => ({ app: String(id), status: "SUCCESS" })) } };
      case "GET record.json": {
        const rec = app.records.get(String(params.id));
        if (!rec) return err(404, "GAIA_RE01", msg(req, `指定したレコード（id: ${params.id}）が見つかりません。`, `The specified record (ID: ${params.id}) is not found.`));
        return { body: { record: readRecord(app, rec) } };
      }
      case "POST record.json":
      case "POST records.json": {
        const bodies = key === "POST record.json" ? [params.record ?? {}] : params.records ?? [];
        const errors = {};
        const made = bodies.map((body, i) => {
          const rec = { $id: 0, revision: 1, values: {}, creator: { code: req.session.user.code, name: req.session.user.name }, createdAt: now() };
          rec.modifier = rec.creator;
          rec.updatedAt = rec.createdAt;
          writeValues(app, rec.values, body, true);
          validate(app, rec.values, key === "POST record.json" ? "record" : `records[${i}]`, req, errors, -1);
          return rec;
        });
        if (Object.keys(errors).length) return err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), errors);
        for (const rec of made) {
          rec.$id = app.nextRecord++;
          app.records.set(String(rec.$id), rec);
        }
        if (key === "POST record.json") return { body: { id: String(made[0].$id), revision: "1" } };
        return { body: { ids: made.map((r) => String(r.$id)), revisions: made.map(() => "1") } };
      }
      case "PUT record.json": {
        const rec = app.records.get(String(params.id));
        if (!rec) return err(404, "GAIA_RE01", msg(req, `指定したレコード（id: ${params.id}）が見つかりません。`, `The specified record (ID: ${params.id}) is not found.`));
        if (params.revision !== undefined && String(params.revision) !== "-1" && String(params.revision) !== String(rec.revision)) {
          return err(409, "GAIA_CO02", msg(req, "指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。", "The revision is not the latest. Someone may update a record."));
        }
        const values = structuredClone(rec.values);
        writeValues(app, values, params.record ?? {}, false);
        const errors = {};
        validate(app, values, "record", req, errors, rec.$id);
        if (Object.keys(errors).length) return err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), errors);
        rec.values = values;
        rec.revision++;
        rec.modifier = { code: req.session.user.code, name: req.session.user.name };
        rec.updatedAt = now();
        return { body: { revision: String(rec.revision) } };
      }
      case "DELETE records.json": {
        const ids = (params.ids ?? []).map(String);
        for (const id of ids) if (!app.records.has(id)) return err(404, "GAIA_RE01", msg(req, `指定したレコード（id: ${id}）が見つかりません。`, `The specified record (ID: ${id}) is not found.`));
        for (const [i, id] of ids.entries()) {
          const r = params.revisions?.[i];
          if (r !== undefined && r !== null && String(r) !== "-1" && String(r) !== String(app.records.get(id).revision)) return err(409, "GAIA_CO02", "revision");
        }
        for (const id of ids) app.records.delete(id);
        return { body: {} };
      }
      case "GET records.json": {
        let parsed;
        try {
          parsed = parseQuery(String(params.query ?? ""));
        } catch (e) {
          return err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), { query: { messages: [msg(req, "クエリ記法が間違っています。", "Invalid query.")] } });
        }
        const readable = (rec) => readRecord(app, rec);
        let list = [...app.records.values()].map(readable).filter((r) => evaluate(parsed.condition, r));
        list.sort(compareBy(parsed.orderBy, app.live.properties));
        const total = list.length;
        list = list.slice(parsed.offset ?? 0, (parsed.offset ?? 0) + (parsed.limit ?? 100));
        const fields = params.fields;
        const shaped = fields ? list.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => fields.includes(k)))) : list;
        return { body: { records: shaped, totalCount: String(params.totalCount) === "true" ? String(total) : null } };
      }
      case "POST records/cursor.json": {
        const target = appOf(params.app);
        if (!target) return notFound(params.app);
        let parsed;
        try {
          parsed = parseQuery(String(params.query ?? ""));
        } catch {
          return err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), { query: { messages: ["クエリ記法が間違っています。"] } });
        }
        const fields = params.fields;
        let list = [...target.records.values()].map((rec) => readRecord(target, rec)).filter((r) => evaluate(parsed.condition, r));
        list.sort(compareBy(parsed.orderBy, target.live.properties));
        if (fields) list = list.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => fields.includes(k))));
        const id = randomUUID();
        cursors.set(id, { list, size: Number(params.size ?? 100) });
        return { body: { id, totalCount: String(list.length) } };
      }
      case "GET records/cursor.json": {
        const cursor = cursors.get(String(params.id));
        if (!cursor) return err(404, "GAIA_CN01", "指定したカーソルは存在しないか、既に有効期限が切れています。");
        const records = cursor.list.splice(0, cursor.size);
        const next = cursor.list.length > 0;
        if (!next) cursors.delete(String(params.id));
        return { body: { records, next } };
      }
      case "DELETE records/cursor.json":
        cursors.delete(String(params.id));
        return { body: {} };
      case "POST file.json":
        break;
      default:
        break;
    }
    return err(404, "CB_NF01", `No such API: ${method} ${path}`);
  }

  function parseCookies(req) {
    return Object.fromEntries((req.headers.cookie ?? "").split(/;\s*/).filter(Boolean).map((c) => c.split("=").map(decodeURIComponent)));
  }

  function parseQs(qs) {
    const out = {};
    for (const [k, v] of new URLSearchParams(qs)) {
      const m = /^([^[]+)\[(\d*)\]$/.exec(k);
      if (m) (out[m[1]] ??= []).push(v);
      else out[k] = v;
    }
    return out;
  }

  function multipart(buffer, contentType) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    if (!boundary) return {};
    const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    const parts = {};
    let start = buffer.indexOf(sep) + sep.length;
    for (;;) {
      const end = buffer.indexOf(sep, start);
      if (end < 0) break;
      const part = buffer.subarray(start + 2, end - 2);
      const headerEnd = part.indexOf("\r\n\r\n");
      const head = part.subarray(0, headerEnd).toString("utf8");
      const body = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/.exec(head)?.[1];
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? "application/octet-stream";
      if (name) parts[name] = filename !== undefined ? { filename, type, data: body } : body.toString("utf8");
      start = end + sep.length;
    }
    return parts;
  }

  const mime = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".map": "application/json", ".png": "image/png" };

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url, "http://x");
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { "Content-Type": "application/json;charset=utf-8", ...headers });
      res.end(JSON.stringify(body));
    };
    const sid = parseCookies(req).tsumiki_session;
    req.session = sid ? sessions.get(sid) : undefined;
    const pathName = url.pathname;

    if (pathName === "/healthz") return send(200, { status: "ok" });
    if (pathName.startsWith("/api/")) {
      let body = {};
      try {
        body = raw.length ? JSON.parse(raw.toString("utf8")) : {};
      } catch {
        return send(400, { code: "CB_IJ01", id: "x", message: "不正なJSON文字列です。" });
      }
      if (pathName === "/api/session/login.json" && req.method === "POST") {
        const user = users.find((u) => u.code === body.username && u.password === body.password);
        if (!user) {
          const e = err(400, "CB_VA01", msg(req, "入力内容が正しくありません。", "Missing or invalid input."), { password: { messages: [msg(req, "ログイン名またはパスワードが正しくありません。", "The login name or password is incorrect.")] } });
          return send(e.status, e.body);
        }
        const id = randomUUID();
        const session = { user: { code: user.code, name: user.name, locale: "auto" }, csrfToken: randomUUID() };
        sessions.set(id, session);
        return send(200, session, { "Set-Cookie": `tsumiki_session=${id}; Path=/; HttpOnly; SameSite=Lax` });
      }
      if (pathName === "/api/session/logout.json" && req.method === "POST") {
        if (sid) sessions.delete(sid);
        return send(200, {}, { "Set-Cookie": "tsumiki_session=; Path=/; Max-Age=0" });
      }
      if (pathName === "/api/session.json") {
        if (!req.session) return send(401, { code: "CB_AU01", id: "x", message: msg(req, "ログインしてください。", "Please login.") });
        return send(200, req.session);
      }
      return send(404, { code: "CB_NF01", id: "x", message: "not found" });
    }
    if (pathName.startsWith("/k/v1/")) {
      if (!req.session || !req.headers["x-requested-with"]) return send(401, { code: "CB_AU01", id: "x", message: msg(req, "ログインしてください。", "Please login.") });
      const method = (req.headers["x-http-method-override"] ?? req.method).toUpperCase();
      let params = parseQs(url.search.slice(1));
      const ct = req.headers["content-type"] ?? "";
      if (ct.startsWith("multipart/form-data")) {
        const parts = multipart(raw, ct);
        if ((params.__REQUEST_TOKEN__ ?? parts.__REQUEST_TOKEN__) !== req.session.csrfToken) return send(403, { code: "CB_NO02", id: "x", message: "bad token" });
        const file = parts.file;
        if (!file) return send(400, { code: "CB_VA01", id: "x", message: "file" });
        const key = randomUUID();
        files.set(key, { name: file.filename, type: file.type, data: file.data });
        return send(200, { fileKey: key });
      }
      if (raw.length) params = { ...params, ...JSON.parse(raw.toString("utf8")) };
      if (req.method !== "GET") {
        if (params.__REQUEST_TOKEN__ !== req.session.csrfToken) return send(403, { code: "CB_NO02", id: "x", message: msg(req, "権限がありません。", "No privilege to proceed.") });
        delete params.__REQUEST_TOKEN__;
      }
      const resource = pathName.slice("/k/v1/".length);
      if (resource === "file.json" && method === "GET") {
        const f = files.get(String(params.fileKey));
        if (!f) return send(404, { code: "GAIA_BL01", id: "x", message: "file not found" });
        res.writeHead(200, { "Content-Type": f.type });
        return res.end(f.data);
      }
      try {
        const result = await kintone(req, resource, params, method);
        return send(result.status ?? 200, result.body);
      } catch (e) {
        return send(500, { code: "GAIA_UN01", id: "x", message: String(e?.stack ?? e) });
      }
    }
    // Static SPA with index.html fallback for extension-less paths.
    const safe = normalize(decodeURIComponent(pathName)).replace(/^(\.\.[/\\])+/, "");
    let file = join(webRoot, safe);
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (extname(safe)) {
        res.writeHead(404);
        return res.end();
      }
      file = join(webRoot, "index.html");
    }
    res.writeHead(200, { "Content-Type": mime[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });

  return server;
}

