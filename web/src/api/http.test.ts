import { afterEach, describe, expect, it, vi } from "vitest";
import { encodeParams, Transport } from "./http";
import { KintoneApiError } from "./errors";

describe("encodeParams", () => {
  it("encodes arrays and objects with indexed brackets like qs", () => {
    expect(encodeParams({ app: 3, ids: [1, 2], fields: ["氏名"], skip: undefined, n: null })).toBe(
      "app=3&ids%5B0%5D=1&ids%5B1%5D=2&fields%5B0%5D=%E6%B0%8F%E5%90%8D",
    );
  });
});

describe("Transport", () => {
  afterEach(() => vi.unstubAllGlobals());

  function stubFetch(status: number, body: unknown) {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
      }),
    );
    return calls;
  }

  const transport = (onUnauthorized?: () => void) =>
    new Transport({ csrfToken: () => "tok", language: () => "ja", onUnauthorized });

  it("sends the token in the body of a POST and the query of a DELETE, and X-Requested-With always", async () => {
    const calls = stubFetch(200, {});
    await transport().post("/k/v1/record.json", { app: 1 });
    await transport().delete("/k/v1/records.json", { app: 1, ids: [5] });
    await transport().get("/k/v1/app.json", { id: 1 });
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ app: 1, __REQUEST_TOKEN__: "tok" });
    expect(calls[1]!.url).toBe("/k/v1/records.json?app=1&ids%5B0%5D=5&__REQUEST_TOKEN__=tok");
    expect(calls[2]!.url).toBe("/k/v1/app.json?id=1");
    for (const call of calls) {
      expect((call.init.headers as Record<string, string>)["X-Requested-With"]).toBe("XMLHttpRequest");
    }
  });

  it("switches a very long GET to POST with the method override", async () => {
    const calls = stubFetch(200, { records: [] });
    await transport().get("/k/v1/records.json", { app: 1, query: "x".repeat(5000) });
    expect(calls[0]!.init.method).toBe("POST");
    expect((calls[0]!.init.headers as Record<string, string>)["X-HTTP-Method-Override"]).toBe("GET");
  });

  it("rejects with kintone's error shape and reports an expired session", async () => {
    stubFetch(401, { code: "CB_AU01", id: "abc", message: "ログインしてください。" });
    const onUnauthorized = vi.fn();
    const error = await transport(onUnauthorized).get("/k/v1/apps.json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KintoneApiError);
    expect((error as KintoneApiError).code).toBe("CB_AU01");
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});

describe("Transport.upload", () => {
  afterEach(() => vi.unstubAllGlobals());
  it("sends the file as multipart with the token in the query string", async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{"fileKey":"k"}', { status: 200 });
    }));
    const form = new FormData();
    form.append("file", new Blob(["x"]), "a.txt");
    const t = new Transport({ csrfToken: () => "tok", language: () => "ja" });
    expect(await t.upload("/k/v1/file.json", form)).toEqual({ fileKey: "k" });
    expect(calls[0]!.url).toBe("/k/v1/file.json?__REQUEST_TOKEN__=tok");
    expect(calls[0]!.init.body).toBeInstanceOf(FormData);
  });
});
