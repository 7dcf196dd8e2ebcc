import http from "node:http";
import type { FastifyInstance } from "fastify";
import type { Injectable } from "./forms.js";

export interface RemoteRequest {
  method?: string;
  /** Path and query, e.g. `/api/v1/appeals`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * The client's own address, any of 127.0.0.0/8 (Linux answers on all of them): distinct
   * clients as a load balancer and Halyq's per-address limits see them.
   */
  from?: string;
  timeoutMs?: number;
}

export interface RemoteResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
  json(): any;
}

/**
 * One HTTP request to a running Halyq (or the load balancer in front of it) on its own
 * connection, from the given local address. Rejects when the connection fails or is cut before
 * an answer — which, to a client, means "not acknowledged".
 */
export function httpRequest(base: string, r: RemoteRequest): Promise<RemoteResponse> {
  const url = new URL(r.path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: r.method ?? "GET",
        headers: {
          ...r.headers,
          ...(r.body !== undefined ? { "content-length": String(Buffer.byteLength(r.body)) } : {}),
        },
        agent: false,
        ...(r.from ? { localAddress: r.from } : {}),
        timeout: r.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const text = body.toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${r.timeoutMs ?? 30_000} ms`)));
    req.on("error", reject);
    req.end(r.body);
  });
}

/**
 * A running Halyq seen through the `inject` interface the form helpers use (FormClient,
 * postMultipart, fileThroughPages), so the same journeys run against a real process over HTTP.
 */
export function remoteApp(base: string, from?: string): Injectable {
  const inject = async (options: {
    method?: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer;
    remoteAddress?: string;
  }) => {
    const res = await httpRequest(base, {
      method: options.method ?? "GET",
      path: options.url,
      headers: options.headers ?? {},
      ...(options.payload !== undefined ? { body: options.payload } : {}),
      ...((options.remoteAddress ?? from) ? { from: options.remoteAddress ?? from } : {}),
    });
    return {
      statusCode: res.status,
      headers: res.headers,
      body: res.text,
      rawPayload: res.body,
      json: res.json,
    };
  };
  return { app: { inject: inject as unknown as FastifyInstance["inject"] } };
}
