// App, record and field permission settings (§7.7) through @kintone/rest-api-client: shapes
// and defaults, preview vs live with deploy and revert, revisions, who may read and change
// them, and kintone's validation errors.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith } from "../lib/expect.mjs";

const server = await startServer();
const { call, ok } = server;
const STAFF = { username: "acl-staff", password: "staff-pass" };
let admin, staff, app;

const FIELDS = {
  title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
  owner: { type: "USER_SELECT", code: "owner", label: "Owner" },
  note: { type: "MULTI_LINE_TEXT", code: "note", label: "Note" },
};

const allFalse = {
  includeSubs: false, appEditable: false, recordViewable: false, recordAddable: false,
  recordEditable: false, recordDeletable: false, recordImportable: false, recordExportable: false,
};

before(async () => {
  admin = server.client();
  await ok("POST", "/v1/users.json", { users: [{ code: STAFF.username, password: STAFF.password, name: "Staff" }] });
  await ok("POST", "/v1/organizations.json", { organizations: [{ code: "acl-city", name: "City" }] });
  await ok("POST", "/v1/groups.json", { groups: [{ code: "acl-clerks", name: "Clerks" }] });
  staff = server.client(STAFF);
  app = await createApp(admin, "ACL settings", FIELDS);
});

test("a new app's app ACL is kintone's default: creator everything, everyone the records", async () => {
  const live = await admin.app.getAppAcl({ app });
  assert.deepEqual(live.rights, [
    { entity: { type: "CREATOR", code: null }, includeSubs: false, appEditable: true, recordViewable: true,
      recordAddable: true, recordEditable: true, recordDeletable: true, recordImportable: true, recordExportable: true },
    { entity: { type: "GROUP", code: "everyone" }, includeSubs: false, appEditable: false, recordViewable: true,
      recordAddable: true, recordEditable: true, recordDeletable: true, recordImportable: true, recordExportable: true },
  ]);
  assert.equal(typeof live.revision, "string");
  assert.deepEqual((await admin.app.getRecordAcl({ app })).rights, []);
  assert.deepEqual((await admin.app.getFieldAcl({ app })).rights, []);
  assert.deepEqual((await admin.app.getAppAcl({ app, preview: true })).rights, live.rights);
});

test("app ACL: preview changes, deploy makes them live, flags default to false", async () => {
  const before = await admin.app.getAppAcl({ app, preview: true });
  const { revision } = await admin.app.updateAppAcl({
    app,
    rights: [
      { entity: { type: "ORGANIZATION", code: "acl-city" }, includeSubs: true, recordViewable: true },
      { entity: { type: "USER", code: STAFF.username }, recordViewable: "true", recordAddable: true },
      { entity: { type: "CREATOR" }, appEditable: true },
      { entity: { type: "GROUP", code: "everyone" } },
    ],
    revision: before.revision,
  });
  assert.equal(Number(revision), Number(before.revision) + 1);
  const preview = await admin.app.getAppAcl({ app, preview: true });
  assert.equal(preview.revision, revision);
  assert.deepEqual(preview.rights[0], { ...allFalse, entity: { type: "ORGANIZATION", code: "acl-city" }, includeSubs: true, recordViewable: true });
  assert.deepEqual(preview.rights[1], { ...allFalse, entity: { type: "USER", code: STAFF.username }, recordViewable: true, recordAddable: true });
  assert.deepEqual(preview.rights[2], { ...allFalse, entity: { type: "CREATOR", code: null }, appEditable: true });
  assert.deepEqual(preview.rights[3], { ...allFalse, entity: { type: "GROUP", code: "everyone" } });
  // Live keeps the default until deploy.
  assert.equal((await admin.app.getAppAcl({ app })).rights[0].entity.type, "CREATOR");
  await deploy(admin, app);
  const live = await admin.app.getAppAcl({ app });
  assert.deepEqual(live.rights, preview.rights);
  assert.equal(live.revision, revision);
  // Staff may now view and add records, not edit them.
  const { id } = await staff.record.addRecord({ app, record: { title: { value: "by staff" } } });
  assert.equal((await staff.record.getRecord({ app, id })).record.title.value, "by staff");
  await rejectsWith(staff.record.updateRecord({ app, id, record: { title: { value: "x" } } }), { status: 403, code: "CB_NO02" });
});

test("revert discards preview ACL changes", async () => {
  const live = await admin.app.getAppAcl({ app });
  await admin.app.updateAppAcl({ app, rights: [{ entity: { type: "CREATOR" }, appEditable: true }] });
  await admin.app.updateFieldAcl({ app, rights: [{ code: "note", entities: [{ entity: { type: "GROUP", code: "everyone" }, accessibility: "NONE" }] }] });
  await admin.app.deployApp({ apps: [{ app }], revert: true });
  assert.deepEqual((await admin.app.getAppAcl({ app, preview: true })).rights, live.rights);
  assert.deepEqual((await admin.app.getFieldAcl({ app, preview: true })).rights, []);
});

test("record ACL: filterCond rules with entities, GET shape", async () => {
  const { revision } = await admin.app.updateRecordAcl({
    app,
    rights: [
      {
        filterCond: 'title like "secret"',
        entities: [
          { entity: { type: "FIELD_ENTITY", code: "owner" }, viewable: true, editable: true, deletable: false },
          { entity: { type: "GROUP", code: "acl-clerks" }, viewable: true },
          { entity: { type: "GROUP", code: "everyone" }, viewable: false },
        ],
      },
      { entities: [{ entity: { type: "USER", code: STAFF.username }, viewable: true, deletable: true }] },
    ],
  });
  const got = await admin.app.getRecordAcl({ app, preview: true });
  assert.equal(got.revision, revision);
  assert.deepEqual(got.rights, [
    {
      filterCond: 'title like "secret"',
      entities: [
        { entity: { type: "FIELD_ENTITY", code: "owner" }, viewable: true, editable: true, deletable: false, includeSubs: false },
        { entity: { type: "GROUP", code: "acl-clerks" }, viewable: true, editable: false, deletable: false, includeSubs: false },
        { entity: { type: "GROUP", code: "everyone" }, viewable: false, editable: false, deletable: false, includeSubs: false },
      ],
    },
    { filterCond: "", entities: [{ entity: { type: "USER", code: STAFF.username }, viewable: true, editable: false, deletable: true, includeSubs: false }] },
  ]);
  assert.deepEqual((await admin.app.getRecordAcl({ app })).rights, [], "live unchanged before deploy");
  await admin.app.deployApp({ apps: [{ app }], revert: true });
});

test("field ACL: accessibility per entity, GET shape", async () => {
  await admin.app.updateFieldAcl({
    app,
    rights: [
      {
        code: "note",
        entities: [
          { entity: { type: "ORGANIZATION", code: "acl-city" }, accessibility: "WRITE", includeSubs: true },
          { entity: { type: "USER", code: STAFF.username }, accessibility: "READ" },
          { entity: { type: "GROUP", code: "everyone" }, accessibility: "NONE" },
        ],
      },
    ],
  });
  const got = await admin.app.getFieldAcl({ app, preview: true });
  assert.deepEqual(got.rights, [
    {
      code: "note",
      entities: [
        { accessibility: "WRITE", entity: { type: "ORGANIZATION", code: "acl-city" }, includeSubs: true },
        { accessibility: "READ", entity: { type: "USER", code: STAFF.username }, includeSubs: false },
        { accessibility: "NONE", entity: { type: "GROUP", code: "everyone" }, includeSubs: false },
      ],
    },
  ]);
  await admin.app.deployApp({ apps: [{ app }], revert: true });
});

test("validation: CB_VA01 keyed per property, all at once", async () => {
  await rejectsWith(
    admin.app.updateAppAcl({
      app,
      rights: [
        { entity: { type: "ROBOT", code: "x" } },
        { entity: { type: "USER" } },
        { recordViewable: true },
        { entity: { type: "USER", code: STAFF.username }, recordDeletable: true },
        { entity: { type: "USER", code: STAFF.username }, recordImportable: true, recordViewable: true },
        { entity: { type: "USER", code: STAFF.username }, appEditable: "maybe" },
      ],
    }),
    {
      status: 400,
      code: "CB_VA01",
      errorKeys: ["rights[0].entity.type", "rights[1].entity.code", "rights[2].entity", "rights[3].recordViewable",
        "rights[4].recordAddable", "rights[5].appEditable"],
    },
  );
  await rejectsWith(admin.app.updateAppAcl({ app }), { status: 400, code: "CB_VA01", errorKeys: ["rights"] });
  await rejectsWith(
    admin.app.updateRecordAcl({
      app,
      rights: [{ filterCond: "", entities: [{ entity: { type: "FIELD_ENTITY", code: "title" }, viewable: true, editable: true }] },
        { entities: [{ entity: { type: "USER", code: STAFF.username }, editable: true }] }],
    }),
    { status: 400, code: "CB_VA01", errorKeys: ["rights[0].entities[0].entity.code", "rights[1].entities[0].viewable"] },
  );
  await rejectsWith(
    admin.app.updateFieldAcl({
      app,
      rights: [{ code: "nope", entities: [{ entity: { type: "USER", code: STAFF.username }, accessibility: "READ" }] },
        { code: "note", entities: [{ entity: { type: "USER", code: STAFF.username }, accessibility: "SOME" }] }],
    }),
    { status: 400, code: "CB_VA01", errorKeys: ["rights[0].code", "rights[1].entities[0].accessibility"] },
  );
  // A bad filterCond answers as a query would.
  await rejectsWith(admin.app.updateRecordAcl({ app, rights: [{ filterCond: "nope = 1", entities: [] }] }),
    { status: 400, code: "GAIA_IQ11" });
});

test("field ACL on a field group decides the fields laid out inside it; a field's own rule narrows further", async () => {
  const grouped = await createApp(admin, "Grouped", {
    ...FIELDS,
    family: { type: "GROUP", code: "family", label: "Family", openGroup: true },
    kin: { type: "SINGLE_LINE_TEXT", code: "kin", label: "Kin" },
    phone: { type: "SINGLE_LINE_TEXT", code: "phone", label: "Phone" },
  });
  const row = (code, type = "SINGLE_LINE_TEXT") => ({ type: "ROW", fields: [{ type, code }] });
  await admin.app.updateFormLayout({
    app: grouped,
    layout: [row("title"), row("owner", "USER_SELECT"), row("note", "MULTI_LINE_TEXT"),
      { type: "GROUP", code: "family", layout: [row("kin"), row("phone")] }],
  });
  const everyone = (accessibility) => ({ entity: { type: "GROUP", code: "everyone" }, accessibility });
  const staffMay = (accessibility) => ({ entity: { type: "USER", code: STAFF.username }, accessibility });
  const rights = [
    // The group: staff may read, nobody else sees it.
    { code: "family", entities: [staffMay("READ"), everyone("NONE")] },
    // phone's own rule would let everyone write; the group's rule still applies to it.
    { code: "phone", entities: [everyone("WRITE")] },
  ];
  await admin.app.updateFieldAcl({ app: grouped, rights });
  assert.deepEqual((await admin.app.getFieldAcl({ app: grouped, preview: true })).rights.map((r) => r.code), ["family", "phone"]);
  await deploy(admin, grouped);
  const { id } = await admin.record.addRecord({ app: grouped, record: { title: { value: "t" } } });
  await admin.record.updateRecord({ app: grouped, id, record: { title: { value: "t'" } } });
  // The administrator is not in the group's rule: kin and phone are hidden, and unknown to queries.
  const mine = (await admin.record.getRecord({ app: grouped, id })).record;
  assert.ok(!("kin" in mine) && !("phone" in mine) && "title" in mine);
  await rejectsWith(admin.record.getRecords({ app: grouped, query: 'phone = "1"' }), { status: 400, code: "GAIA_IQ11" });
  await rejectsWith(admin.record.updateRecord({ app: grouped, id, record: { phone: { value: "1" } } }), { status: 403, code: "GAIA_FU01" });
  // Staff read both (the group's READ), write neither (phone's WRITE does not widen the group's READ).
  await admin.app.updateAppAcl({ app: grouped, rights: [{ entity: { type: "GROUP", code: "everyone" }, recordViewable: true, recordEditable: true, recordAddable: true },
    { entity: { type: "CREATOR" }, appEditable: true, recordViewable: true, recordEditable: true, recordAddable: true }] });
  await deploy(admin, grouped);
  const seen = (await staff.record.getRecord({ app: grouped, id })).record;
  assert.ok("kin" in seen && "phone" in seen);
  assert.equal((await staff.record.getRecords({ app: grouped, query: 'phone = ""' })).records.length, 1);
  await rejectsWith(staff.record.updateRecord({ app: grouped, id, record: { phone: { value: "1" } } }), { status: 403, code: "GAIA_FU01" });
  await staff.record.updateRecord({ app: grouped, id, record: { title: { value: "by staff" } } });
  // A field moved out of the group leaves the group's rule behind once deployed.
  await admin.app.updateFormLayout({
    app: grouped,
    layout: [row("title"), row("owner", "USER_SELECT"), row("note", "MULTI_LINE_TEXT"), row("phone"),
      { type: "GROUP", code: "family", layout: [row("kin")] }],
  });
  await deploy(admin, grouped);
  await staff.record.updateRecord({ app: grouped, id, record: { phone: { value: "0120" } } });
  assert.equal((await admin.record.getRecord({ app: grouped, id })).record.phone.value, "0120");
  assert.ok(!("kin" in (await admin.record.getRecord({ app: grouped, id })).record));
});

test("field ACL: FIELD_ENTITY names a user, organisation or group selection, creator or modifier field", async () => {
  const entity = (code, accessibility = "READ", extra = {}) => ({ entity: { type: "FIELD_ENTITY", code }, accessibility, ...extra });
  await admin.app.updateFieldAcl({
    app,
    rights: [{ code: "note", entities: [entity("owner", "WRITE"), entity("作成者"), { entity: { type: "GROUP", code: "everyone" }, accessibility: "NONE" }] }],
  });
  assert.deepEqual((await admin.app.getFieldAcl({ app, preview: true })).rights, [{
    code: "note",
    entities: [
      { accessibility: "WRITE", entity: { type: "FIELD_ENTITY", code: "owner" }, includeSubs: false },
      { accessibility: "READ", entity: { type: "FIELD_ENTITY", code: "作成者" }, includeSubs: false },
      { accessibility: "NONE", entity: { type: "GROUP", code: "everyone" }, includeSubs: false },
    ],
  }]);
  // Not an entity field, or no such field: kintone's per-property error, nothing stored.
  await rejectsWith(
    admin.app.updateFieldAcl({ app, rights: [{ code: "note", entities: [entity("title"), entity("ghost"), { entity: { type: "FIELD_ENTITY" }, accessibility: "READ" }] }] }),
    { status: 400, code: "CB_VA01",
      errorKeys: ["rights[0].entities[0].entity.code", "rights[0].entities[1].entity.code", "rights[0].entities[2].entity.code"] },
  );
  assert.equal((await admin.app.getFieldAcl({ app, preview: true })).rights[0].entities.length, 3);
  await admin.app.deployApp({ apps: [{ app }], revert: true });
});

test("unknown user, organisation and group codes are kintone's errors", async () => {
  await rejectsWith(admin.app.updateAppAcl({ app, rights: [{ entity: { type: "USER", code: "ghost" } }] }),
    { status: 400, code: "GAIA_IL26" });
  await rejectsWith(admin.app.updateAppAcl({ app, rights: [{ entity: { type: "ORGANIZATION", code: "ghost" } }] }),
    { status: 400, code: "GAIA_IL28" });
  await rejectsWith(admin.app.updateFieldAcl({ app, rights: [{ code: "note", entities: [{ entity: { type: "GROUP", code: "ghost" }, accessibility: "READ" }] }] }),
    { status: 400, code: "GAIA_IL27" });
});

test("revision: a stale one is GAIA_CO03 and changes nothing", async () => {
  const current = await admin.app.getAppAcl({ app, preview: true });
  await rejectsWith(admin.app.updateAppAcl({ app, rights: [], revision: Number(current.revision) - 1 }),
    { status: 409, code: "GAIA_CO03" });
  assert.deepEqual(await admin.app.getAppAcl({ app, preview: true }), current);
});

test("only app managers read or change permissions; tokens need app management", async () => {
  await rejectsWith(staff.app.getAppAcl({ app }), { status: 403, code: "CB_NO02" });
  await rejectsWith(staff.app.getRecordAcl({ app, preview: true }), { status: 403, code: "CB_NO02" });
  await rejectsWith(staff.app.updateFieldAcl({ app, rights: [] }), { status: 403, code: "CB_NO02" });
  const r = await call("POST", "/api/app/tokens.json", { app, viewRecord: true });
  assert.equal(r.status, 200, r.text);
  await deploy(admin, app);
  const token = server.client({ apiToken: r.json.token });
  await rejectsWith(token.app.getAppAcl({ app }), { status: 403, code: "GAIA_NO01" });
});

test("an app ACL without everyone: the app disappears from the others' apps list", async () => {
  const other = await createApp(admin, "Private", FIELDS);
  const listed = async (client) => (await client.app.getApps({ ids: [other] })).apps.length;
  assert.equal(await listed(staff), 1);
  await admin.app.updateAppAcl({ app: other, rights: [{ entity: { type: "CREATOR" }, appEditable: true, recordViewable: true }] });
  await deploy(admin, other);
  assert.equal(await listed(staff), 0);
  assert.equal(await listed(admin), 1);
  await rejectsWith(staff.record.getRecords({ app: other }), { status: 403, code: "CB_NO02" });
});

test("a non-preview PUT changes the permissions and deploys the app", async () => {
  const other = await createApp(admin, "Direct", FIELDS);
  const r = await call("PUT", "/k/v1/field/acl.json", {
    app: other,
    rights: [{ code: "note", entities: [{ entity: { type: "GROUP", code: "everyone" }, accessibility: "READ" }] }],
  });
  assert.equal(r.status, 200, r.text);
  const live = await admin.app.getFieldAcl({ app: other });
  assert.equal(live.rights[0].entities[0].accessibility, "READ");
});

test("an app's definition is read only by those with a right on it; its admin notes only by its administrators", async () => {
  const defs = await createApp(admin, "Definitions", FIELDS);
  const reads = [
    ["GET", `/k/v1/app.json?id=${defs}`],
    ["GET", `/k/v1/app/form/fields.json?app=${defs}`],
    ["GET", `/k/v1/app/form/layout.json?app=${defs}`],
    ["GET", `/k/v1/app/views.json?app=${defs}`],
    ["GET", `/k/v1/app/settings.json?app=${defs}`],
  ];
  const notes = ["GET", `/k/v1/app/adminNotes.json?app=${defs}`];
  const status = async (auth, [method, path]) => (await raw(server.baseUrl, method, path, { auth })).status;
  // By default everyone may view the records: the definition is readable, the notes are not.
  for (const r of reads) assert.equal(await status(STAFF, r), 200, r[1]);
  assert.equal(await status(STAFF, notes), 403);
  // With no right at all, nothing about the app is told.
  await admin.app.updateAppAcl({ app: defs, rights: [{ entity: { type: "CREATOR", code: null }, appEditable: true, recordViewable: true }] });
  await deploy(admin, defs);
  for (const r of reads) {
    const answer = await raw(server.baseUrl, r[0], r[1], { auth: STAFF });
    assert.equal(answer.status, 403, r[1]);
    assert.equal(answer.json.code, "CB_NO02");
  }
  assert.equal((await admin.app.getApps({ ids: [defs] })).apps.length, 1);
  assert.equal((await staff.app.getApps({ ids: [defs] })).apps.length, 0);
  // The app's administrator (here the creator, and any system administrator) reads all of it.
  for (const r of [...reads, notes]) assert.equal(await status(undefined, r), 200, r[1]);
});

test("a deploy that would remove a field a record-permission condition names is refused, and nothing changes", async () => {
  const guarded = await createApp(admin, "Guarded", {
    ...FIELDS,
    dept: { type: "SINGLE_LINE_TEXT", code: "dept", label: "Dept" },
  });
  await admin.app.updateRecordAcl({
    app: guarded,
    rights: [{ filterCond: 'dept = "welfare"', entities: [{ entity: { type: "USER", code: STAFF.username }, viewable: false, editable: false, deletable: false }] }],
  });
  await deploy(admin, guarded);
  await admin.record.addRecords({ app: guarded, records: [{ title: { value: "open" }, dept: { value: "tax" } }, { title: { value: "secret" }, dept: { value: "welfare" } }] });
  const seen = async () => (await staff.record.getRecords({ app: guarded, query: "order by $id asc" })).records.map((r) => r.title.value);
  assert.deepEqual(await seen(), ["open"]);

  await admin.app.deleteFormFields({ app: guarded, fields: ["dept"] });
  const refused = await call("POST", "/k/v1/preview/app/deploy.json", { apps: [{ app: guarded }] });
  assert.equal(refused.status, 400, refused.text);
  assert.match(refused.json.message, /dept/);
  const status = await call("GET", `/k/v1/preview/app/deploy.json?apps[0]=${guarded}`);
  assert.equal(status.json.apps[0].status, "FAIL");
  // The live app is as before: the field is there and the staff member still sees only "open".
  assert.ok("dept" in (await admin.app.getFormFields({ app: guarded })).properties);
  assert.deepEqual(await seen(), ["open"]);

  // With the condition changed first, the field goes.
  await admin.app.updateRecordAcl({ app: guarded, rights: [] });
  await deploy(admin, guarded);
  assert.ok(!("dept" in (await admin.app.getFormFields({ app: guarded })).properties));
  assert.deepEqual(await seen(), ["open", "secret"]);
});

test("a field's permissions follow it when its code is renamed", async () => {
  const renamed = await createApp(admin, "Renamed", { ...FIELDS, secret: { type: "SINGLE_LINE_TEXT", code: "secret", label: "Secret" } });
  await admin.app.updateFieldAcl({
    app: renamed,
    rights: [{ code: "secret", entities: [
      { entity: { type: "USER", code: STAFF.username }, accessibility: "NONE" },
      { entity: { type: "GROUP", code: "everyone" }, accessibility: "WRITE" },
    ] }],
  });
  await deploy(admin, renamed);
  const { id } = await admin.record.addRecord({ app: renamed, record: { title: { value: "t" }, secret: { value: "hidden" } } });
  assert.ok(!("secret" in (await staff.record.getRecord({ app: renamed, id })).record));

  await admin.app.updateFormFields({ app: renamed, properties: { secret: { type: "SINGLE_LINE_TEXT", code: "secret2" } } });
  await deploy(admin, renamed);
  const seen = (await staff.record.getRecord({ app: renamed, id })).record;
  assert.ok(!("secret2" in seen) && !("secret" in seen), JSON.stringify(Object.keys(seen)));
  assert.deepEqual((await admin.app.getFieldAcl({ app: renamed })).rights.map((r) => r.code), ["secret2"]);
  // Deleting the field drops its rule: a new field of the old code starts without one.
  await admin.app.deleteFormFields({ app: renamed, fields: ["secret2"] });
  assert.deepEqual((await admin.app.getFieldAcl({ app: renamed, preview: true })).rights, []);
});

test("a FIELD_ENTITY entry follows the field it names when that field's code is renamed", async () => {
  const app2 = await createApp(admin, "Entity renamed", { ...FIELDS });
  await admin.app.updateFieldAcl({
    app: app2,
    rights: [{ code: "note", entities: [
      { entity: { type: "FIELD_ENTITY", code: "owner" }, accessibility: "WRITE" },
      { entity: { type: "GROUP", code: "everyone" }, accessibility: "NONE" },
    ] }],
  });
  await admin.app.updateRecordAcl({
    app: app2,
    rights: [{ filterCond: "", entities: [{ entity: { type: "FIELD_ENTITY", code: "owner" }, viewable: true, editable: true },
      { entity: { type: "GROUP", code: "everyone" }, viewable: true, editable: true }] }],
  });
  await admin.app.updateFormFields({ app: app2, properties: { owner: { type: "USER_SELECT", code: "assignee" } } });
  await deploy(admin, app2);
  assert.deepEqual((await admin.app.getFieldAcl({ app: app2 })).rights[0].entities[0].entity, { type: "FIELD_ENTITY", code: "assignee" });
  assert.deepEqual((await admin.app.getRecordAcl({ app: app2 })).rights[0].entities[0].entity, { type: "FIELD_ENTITY", code: "assignee" });
  // Still enforced under the new code: the staff member named there sees and writes the note.
  // The administrator is not named either: a note sent by them is refused.
  await rejectsWith(admin.record.addRecord({ app: app2, record: { title: { value: "t" }, note: { value: "n" } } }), { status: 403, code: "GAIA_FU01" });
  const { id } = await admin.record.addRecord({ app: app2, record: { title: { value: "t" } } });
  assert.ok(!("note" in (await staff.record.getRecord({ app: app2, id })).record));
  await admin.record.updateRecord({ app: app2, id, record: { assignee: { value: [{ code: STAFF.username }] } } });
  await staff.record.updateRecord({ app: app2, id, record: { note: { value: "by staff" } } });
  assert.equal((await staff.record.getRecord({ app: app2, id })).record.note.value, "by staff");
});
