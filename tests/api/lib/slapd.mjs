// A throwaway OpenLDAP server (Debian's slapd) for the LDAP sign-in suite: slapd.conf in a
// temporary directory, back_mdb, the core/cosine/inetorgperson schemas, listening on
// 127.0.0.1 at a free port, loaded with ldapadd. Stopped (and its directory removed) when the
// suite ends, even when a test fails.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, connect } from "node:net";
import { after } from "node:test";

export const SLAPD = "/usr/sbin/slapd";
const LDAPADD = "/usr/bin/ldapadd";
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
// Returns {url, port, stop(), pause(), resume(), log()}.
export async function startSlapd(ldif) {
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
      `pidfile ${join(dir, "slapd.pid")}`,
      "database mdb",
      "maxsize 10485760",
      `suffix "${SUFFIX}"`,
      `rootdn "${ROOT.dn}"`,
      `rootpw ${ROOT.password}`,
      `directory ${join(dir, "db")}`,
      "access to attrs=userPassword by anonymous auth by self auth by * none",
      "access to * by users read by * none",
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let output = "";
  // -d 0: stay in the foreground (so the child is slapd itself) without debug output.
  const child = spawn(SLAPD, ["-f", join(dir, "slapd.conf"), "-h", `${url}/`, "-d", "0"], {
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
  execFileSync(LDAPADD, ["-x", "-H", url, "-D", ROOT.dn, "-w", ROOT.password], {
    input: base + ldif,
    stdio: ["pipe", "pipe", "pipe"],
  });
  return {
    url,
    port,
    stop,
    // A server that accepts connections but never answers (SIGSTOP): the timeout case.
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    log: () => output,
  };
}
