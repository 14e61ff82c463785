// Fetch-based transport for the browser session (spec §2.4): cookie auth, the
// X-Requested-With header on every call, and __REQUEST_TOKEN__ on every write — in the
// JSON body for POST/PUT, in the query string for DELETE. Long GETs switch to POST with
// X-HTTP-Method-Override (§1.2).
import { ErrorCodes, KintoneApiError } from "./errors";

export type Params = Record<string, unknown>;

export interface TransportOptions {
  baseUrl?: string;
  /** The session's CSRF token, read at call time. */
  csrfToken: () => string | undefined;
  /** Sent as Accept-Language so server messages follow the UI language. */
  language: () => string;
  /** Called on 401 CB_AU01 (session expired) before the promise rejects. */
  onUnauthorized?: () => void;
}

const MAX_GET_URL = 4096;
const TOKEN_KEY = "__REQUEST_TOKEN__";

/** qs-style encoding as @kintone/rest-api-client sends it: `ids[0]=1`, `obj[key]=v`. */
export function encodeParams(params: Params): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => add(`${key}[${i}]`, item));
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value as Params)) add(`${key}[${k}]`, v);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return parts.join("&");
}

export class Transport {
  private readonly options: TransportOptions;

  constructor(options: TransportOptions) {
    this.options = options;
  }

  get<T>(path: string, params: Params = {}): Promise<T> {
    const qs = encodeParams(params);
    const url = this.url(path) + (qs ? `?${qs}` : "");
    if (url.length > MAX_GET_URL) {
      return this.send<T>("POST", this.url(path), this.withToken(params), { "X-HTTP-Method-Override": "GET" });
    }
    return this.send<T>("GET", url);
  }

  post<T>(path: string, body: Params = {}): Promise<T> {
    return this.send<T>("POST", this.url(path), this.withToken(body));
  }

  put<T>(path: string, body: Params = {}): Promise<T> {
    return this.send<T>("PUT", this.url(path), this.withToken(body));
  }

  delete<T>(path: string, params: Params = {}): Promise<T> {
    const qs = encodeParams(this.withToken(params));
    return this.send<T>("DELETE", `${this.url(path)}?${qs}`);
  }

  /** multipart/form-data upload (file.json); the token travels in the query string. */
  upload<T>(path: string, form: FormData): Promise<T> {
    const qs = encodeParams(this.withToken({}));
    return this.send<T>("POST", this.url(path) + (qs ? `?${qs}` : ""), form);
  }

  /** Raw bytes (file.json GET). */
  async download(path: string, params: Params): Promise<Blob> {
    const response = await this.fetch("GET", `${this.url(path)}?${encodeParams(params)}`);
    if (!response.ok) throw await this.toError(response);
    return response.blob();
  }

  private url(path: string): string {
    return (this.options.baseUrl ?? "") + path;
  }

  private withToken(params: Params): Params {
    const token = this.options.csrfToken();
    return token ? { ...params, [TOKEN_KEY]: token } : params;
  }

  private async fetch(
    method: string,
    url: string,
    body?: Params | FormData,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      "X-Requested-With": "XMLHttpRequest",
      "Accept-Language": this.options.language(),
      ...extraHeaders,
    };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    try {
      return await fetch(url, { method, headers, body: payload, credentials: "same-origin" });
    } catch (cause) {
      throw new KintoneApiError(0, ErrorCodes.network, cause instanceof Error ? cause.message : String(cause));
    }
  }

  private async send<T>(
    method: string,
    url: string,
    body?: Params | FormData,
    extraHeaders?: Record<string, string>,
  ): Promise<T> {
    const response = await this.fetch(method, url, body, extraHeaders);
    if (!response.ok) throw await this.toError(response);
    const text = await response.text();
    if (text === "") return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KintoneApiError(response.status, ErrorCodes.badResponse, `${response.status} ${response.statusText}`);
    }
  }

  private async toError(response: Response): Promise<KintoneApiError> {
    let error: KintoneApiError;
    try {
      const json = (await response.json()) as {
        code?: string;
        id?: string;
        message?: string;
        errors?: Record<string, { messages: string[] }>;
      };
      error = new KintoneApiError(
        response.status,
        json.code ?? ErrorCodes.badResponse,
        json.message ?? `${response.status} ${response.statusText}`,
        json.id ?? "",
        json.errors,
      );
    } catch {
      error = new KintoneApiError(response.status, ErrorCodes.badResponse, `${response.status} ${response.statusText}`);
    }
    if (response.status === 401 && error.code === ErrorCodes.notSignedIn) this.options.onUnauthorized?.();
    return error;
  }
}
