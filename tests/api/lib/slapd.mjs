// A throwaway OpenLDAP server (Debian's slapd) for the LDAP sign-in suites: slapd.conf in a
// temporary directory, back_mdb, the core/cosine/inetorgperson schemas, listening on
// 127.0.0.1 at a free port, loaded with ldapadd. Stopped (and its directory removed) when the
// suite ends, even when a test fails. Optionally with TLS (StartTLS on ldap:// and a second
// port for ldaps://) and the memberof overlay (users get memberOf from groupOfNames).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, connect } from "node:net";
import { after } from "node:test";

export const SLAPD = "/usr/sbin/slapd";
const LDAPADD = "/usr/bin/ldapadd";
const LDAPMODIFY = "/usr/bin/ldapmodify";
const MODULES = "/usr/lib/ldap";
const SCHEMAS = "/etc/ldap/schema";

// Why the suite cannot run here, or "" when it can.
export function slapdMissing() {
  for (const path of [SLAPD, LDAPADD, join(MODULES, "back_mdb.so"), join(SCHEMAS, "inetorgperson.schema")]) {
    if (!existsSync(path)) return `${path} is missing (apt-get install slapd ldap-utils, or scripts/install-deps.sh --test)`;
  }
  return "";
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

function accepting(port) {
  return new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => {
      socket.destroy();
      ok(true);
    });
    socket.on("error", () => ok(false));
  });
}

export const SUFFIX = "dc=example,dc=jp";
export const ROOT = { dn: `cn=admin,${SUFFIX}`, password: "root-secret-for-tests" };

// Starts slapd and loads `ldif` (entries under SUFFIX; the suffix entry itself is added here).
// `tls`: {caFile, certFile, keyFile} (lib/tls-certs.mjs) for StartTLS and an ldaps:// port;
// the server then refuses every operation outside TLS ("confidentiality required"), so a
// client that skipped StartTLS is caught.
// `memberOf`: load the memberof overlay, so groups added after their members set memberOf.
// Returns {url, ldapsUrl (with tls), port, stop(), pause(), resume(), log(), modify(ldif)}.
export async function startSlapd(ldif, { tls = null, memberOf = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "tsumiki-slapd-"));
  mkdirSync(join(dir, "db"));
  // Passwords are readable by no one, usable only to bind; entries are readable by any
  // signed-in account (the service account searches), by no anonymous client.
  writeFileSync(
    join(dir, "slapd.conf"),
    [
      `include ${SCHEMAS}/core.schema`,
      `include ${SCHEMAS}/cosine.schema`,
      `include ${SCHEMAS}/inetorgperson.schema`,
      `modulepath ${MODULES}`,
      "moduleload back_mdb",
      ...(memberOf ? ["moduleload memberof"] : []),
      `pidfile ${join(dir, "slapd.pid")}`,
      ...(tls
        ? [
            `TLSCACertificateFile ${tls.caFile}`,
            `TLSCertificateFile ${tls.certFile}`,
            `TLSCertificateKeyFile ${tls.keyFile}`,
            "security tls=1",
          ]
        : []),
      "database mdb",
      "maxsize 10485760",
      `suffix "${SUFFIX}"`,
      `rootdn "${ROOT.dn}"`,
      `rootpw ${ROOT.password}`,
      `directory ${join(dir, "db")}`,
      "access to attrs=userPassword by anonymous auth by self auth by * none",
      "access to * by users read by * none",
      ...(memberOf ? ["overlay memberof"] : []),
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = tls ? `ldaps://127.0.0.1:${await freePort()}` : undefined;
  let output = "";
  // -d 0: stay in the foreground (so the child is slapd itself) without debug output.
  const listen = tls ? `${url}/ ${ldapsUrl}/` : `${url}/`;
  const child = spawn(SLAPD, ["-f", join(dir, "slapd.conf"), "-h", listen, "-d", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((ok) => child.on("exit", ok));
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    child.kill("SIGCONT");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  after(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const deadline = Date.now() + 10000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`slapd did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n\n`;
  // As root, over StartTLS when the server insists on TLS.
  const asRoot = (tool, input) =>
    execFileSync(tool, ["-x", ...(tls ? ["-ZZ"] : []), "-H", url, "-D", ROOT.dn, "-w", ROOT.password], {
      input,
      stdio: ["pipe", "pipe", "pipe"],
      env: tls ? { ...process.env, LDAPTLS_CACERT: tls.caFile } : process.env,
    });
  asRoot(LDAPADD, base + ldif);
  return {
    url,
    ldapsUrl,
    port,
    // Applies an LDIF of changes (changetype: modify / add / delete) as the root DN.
    modify: (changes) => asRoot(LDAPMODIFY, changes),
    stop,
    // A server that accepts connections but never answers (SIGSTOP): the timeout case.
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    log: () => output,
  };
}
