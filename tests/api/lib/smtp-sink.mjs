// A local SMTP server for the mail suites (npm smtp-server) on 127.0.0.1: it keeps every
// message it accepts, can refuse the next N messages with a 4xx reply, and can be stopped and
// started again on the same port. decodeMail() reads what the server sent: headers (with
// RFC 2047 encoded-words decoded) and the base64 body.
import { SMTPServer } from "smtp-server";

// With `auth`, the sink offers AUTH PLAIN/LOGIN (also without TLS, so a test can see a
// client that authenticates in clear text) and keeps every credential presented in
// `sink.auths`, and in `sink.authTls` whether the connection was TLS by then (it accepts any).
// With `tls` ({key, cert}), the sink offers STARTTLS with that certificate, or with `secure`
// speaks TLS from the first byte (SMTPS); without it, STARTTLS is not offered at all.
// Each message keeps `secure` too, and `sink.tlsErrors` the TLS handshakes that failed.
export async function startSink({ port = 0, auth = false, tls = null, secure = false } = {}) {
  const sink = { messages: [], refuseNext: 0, refusals: 0, port, server: null, auths: [], authTls: [], tlsErrors: [] };
  const listen = (p) =>
    new Promise((ok, fail) => {
      const server = new SMTPServer({
        authOptional: true,
        logger: false,
        ...(tls ? { key: tls.key, cert: tls.cert, secure } : { disabledCommands: ["STARTTLS"] }),
        ...(auth
          ? {
              allowInsecureAuth: true,
              onAuth(a, session, callback) {
                sink.auths.push({ username: a.username, password: a.password });
                sink.authTls.push(session.secure);
                callback(null, { user: a.username });
              },
            }
          : {}),
        onData(stream, session, callback) {
          const chunks = [];
          stream.on("data", (c) => chunks.push(c));
          stream.on("end", () => {
            if (sink.refuseNext > 0) {
              sink.refuseNext--;
              sink.refusals++;
              const err = new Error("4.3.0 Try again later");
              err.responseCode = 451;
              return callback(err);
            }
            sink.messages.push({
              from: session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString("utf8"),
              secure: session.secure,
            });
            callback();
          });
        },
      });
      server.on("error", (e) => {
        if (/SSL|TLS|certificate|alert/i.test(`${e.code} ${e.message}`)) sink.tlsErrors.push(e.message);
      });
      server.listen(p, "127.0.0.1", () => {
        sink.server = server;
        sink.port = server.server.address().port;
        ok();
      });
      server.server.once("error", fail);
    });
  sink.start = () => listen(sink.port);
  sink.stop = () => new Promise((ok) => (sink.server ? sink.server.close(ok) : ok()));
  sink.waitFor = async (predicate, timeoutMs = 15000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = sink.messages.find((m) => predicate(decodeMail(m.raw), m));
      if (found) return { ...found, mail: decodeMail(found.raw) };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no matching message within ${timeoutMs} ms (got ${sink.messages.length})`);
  };
  await sink.start();
  return sink;
}

function decodeWords(value) {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, "base64").toString("utf8"));
}

export function decodeMail(raw) {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split);
  const bodyText = raw.slice(split + 4);
  const headers = {};
  const names = [];
  for (const line of head.split(/\r\n(?![ \t])/)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    names.push(name);
    headers[name] = decodeWords(line.slice(colon + 1).replace(/\r\n[ \t]/g, " ").trim());
  }
  const body =
    (headers["content-transfer-encoding"] ?? "").toLowerCase() === "base64"
      ? Buffer.from(bodyText.replace(/\s+/g, ""), "base64").toString("utf8")
      : bodyText;
  return { headers, names, body, head };
}
