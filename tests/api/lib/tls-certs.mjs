// Throwaway TLS certificates for the suites that test TLS to other servers (SMTP, LDAP):
// a private CA and a server certificate it signed for 127.0.0.1 and localhost, plus a
// self-signed "stranger" certificate for the same names that no configured CA trusts.
// Made with the openssl command (Debian package openssl) in a temporary directory that is
// removed when the suite ends. EC P-256 keys: quick to make, understood by OpenSSL (libcurl,
// node) and GnuTLS (slapd, libldap) alike.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";

const KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
const SERVER_EXTENSIONS = [
  "subjectAltName=IP:127.0.0.1,DNS:localhost",
  "basicConstraints=critical,CA:FALSE",
  "keyUsage=critical,digitalSignature",
  "extendedKeyUsage=serverAuth",
];

// Returns {dir, caFile, certFile, keyFile, strangerCertFile, strangerKeyFile} and the PEM
// texts {cert, key, strangerCert, strangerKey}.
export function makeCertificates() {
  const dir = mkdtempSync(join(tmpdir(), "tsumiki-tls-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const openssl = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl("req", "-x509", ...KEY, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
    "-subj", "/O=Tsumiki tests/CN=Tsumiki test CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  openssl("req", ...KEY, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  writeFileSync(join(dir, "server.ext"), SERVER_EXTENSIONS.join("\n") + "\n");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
    "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
  openssl("req", "-x509", ...KEY, "-keyout", "stranger.key", "-out", "stranger.pem", "-days", "2",
    "-subj", "/CN=localhost", ...SERVER_EXTENSIONS.flatMap((e) => ["-addext", e]));
  const path = (name) => join(dir, name);
  return {
    dir,
    caFile: path("ca.pem"),
    certFile: path("server.pem"),
    keyFile: path("server.key"),
    strangerCertFile: path("stranger.pem"),
    strangerKeyFile: path("stranger.key"),
    cert: readFileSync(path("server.pem")),
    key: readFileSync(path("server.key")),
    strangerCert: readFileSync(path("stranger.pem")),
    strangerKey: readFileSync(path("stranger.key")),
  };
}
