// LDAP sign-in over TLS against a real OpenLDAP server (slapd) with a certificate made for
// the test by openssl: ldaps:// and StartTLS with the private CA given as ldap-ca-file; the
// server refuses every operation outside TLS, so a sign-in that succeeds went over TLS. A
// certificate from another CA fails closed — no fallback to clear text, a clear reason in
// the operator's log, TK_LD01 for the user — and the local administrator still gets in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw, ADMIN } from "../lib/server.mjs";
import { isError } from "../lib/expect.mjs";
import { startSlapd, slapdMissing, SUFFIX } from "../lib/slapd.mjs";
import { makeCertificates } from "../lib/tls-certs.mjs";

const LDIF = [
  `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`,
  `dn: ou=services,${SUFFIX}\nobjectClass: organizationalUnit\nou: services\n`,
  `dn: cn=tsumiki,ou=services,${SUFFIX}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: tsumiki\nuserPassword: service-secret\n`,
  ...["alice", "bob"].map(
    (uid) =>
      `dn: uid=${uid},ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid} TLS\nsn: ${uid}\nuserPassword: ${uid}-ldap-pass\n`,
  ),
].join("\n");

const apps = (base, username, password) =>
  raw(base, "GET", "/k/v1/apps.json", { auth: { username, password }, headers: { "Accept-Language": "en" } });

async function tlsSuite() {
  const certs = makeCertificates();
  const slapd = await startSlapd(LDIF, { tls: certs });
  const start = (env) =>
    startServer({
      env: {
        TSUMIKI_LOG_LEVEL: "info",
        TSUMIKI_LDAP_BASE_DN: `ou=people,${SUFFIX}`,
        TSUMIKI_LDAP_SERVICE_DN: `cn=tsumiki,ou=services,${SUFFIX}`,
        TSUMIKI_LDAP_SERVICE_PASSWORD: "service-secret",
        TSUMIKI_LDAP_TIMEOUT_SECONDS: "3",
        ...env,
      },
    });
  const ldaps = await start({ TSUMIKI_LDAP_URL: slapd.ldapsUrl, TSUMIKI_LDAP_CA_FILE: certs.caFile });
  const startTls = await start({
    TSUMIKI_LDAP_URL: slapd.url,
    TSUMIKI_LDAP_START_TLS: "required",
    TSUMIKI_LDAP_CA_FILE: certs.caFile,
  });
  const clear = await start({ TSUMIKI_LDAP_URL: slapd.url });
  const wrongCaLdaps = await start({ TSUMIKI_LDAP_URL: slapd.ldapsUrl, TSUMIKI_LDAP_CA_FILE: certs.strangerCertFile });
  const wrongCaStartTls = await start({
    TSUMIKI_LDAP_URL: slapd.url,
    TSUMIKI_LDAP_START_TLS: "required",
    TSUMIKI_LDAP_CA_FILE: certs.strangerCertFile,
  });

  const user = async (base, code) => {
    const r = await raw(base, "GET", `/v1/users.json?codes[0]=${code}`);
    assert.equal(r.status, 200, r.text);
    return r.json.users[0];
  };

  test("ldaps:// with the private CA as ldap-ca-file: the user signs in and gets an account", async () => {
    const r = await apps(ldaps.baseUrl, "alice", "alice-ldap-pass");
    assert.equal(r.status, 200, r.text);
    assert.equal((await user(ldaps.baseUrl, "alice")).name, "alice TLS");
    isError(await apps(ldaps.baseUrl, "alice", "wrong"), 401, "CB_WA01");
  });

  test("StartTLS (required) on ldap:// with ldap-ca-file: the user signs in", async () => {
    const r = await apps(startTls.baseUrl, "bob", "bob-ldap-pass");
    assert.equal(r.status, 200, r.text);
    assert.equal((await user(startTls.baseUrl, "bob")).name, "bob TLS");
  });

  test("the same server without StartTLS is refused by slapd: proof the sign-ins above used TLS", async () => {
    isError(await apps(clear.baseUrl, "bob", "bob-ldap-pass"), 503, "TK_LD01");
    assert.match(clear.log(), /confidentiality required/i);
  });

  for (const [label, server] of [
    ["ldaps://", () => wrongCaLdaps],
    ["StartTLS", () => wrongCaStartTls],
  ]) {
    test(`${label} with a certificate the configured CA did not sign fails closed; the local administrator gets in`, async () => {
      const s = server();
      const r = await apps(s.baseUrl, "alice", "alice-ldap-pass");
      const body = isError(r, 503, "TK_LD01");
      assert.match(body.message, /directory server \(LDAP\)/);
      assert.doesNotMatch(r.text, /certificate|ldaps?:\/\/|127\.0\.0\.1/i, "no server details to the client");
      assert.equal(await user(s.baseUrl, "alice"), undefined, "no account created");
      // The operator learns why.
      assert.match(s.log(), /TK_LD01.*certificate/i);
      // Not a fallback to clear text: slapd saw no bind outside TLS (it would refuse it and
      // the log would say "confidentiality required").
      assert.doesNotMatch(s.log(), /confidentiality required/i);
      assert.equal((await apps(s.baseUrl, ADMIN.username, ADMIN.password)).status, 200);
    });
  }
}

const missing = slapdMissing();
if (missing) {
  test(`LDAP over TLS suite skipped: ${missing}`, { skip: missing }, () => {});
} else {
  await tlsSuite();
}
