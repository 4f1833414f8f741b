/**
 * Node's HTTP server options that stop a slow client from holding a socket:
 * a whole request (headers and body) must arrive within `requestTimeoutMs`,
 * its headers within `headersTimeoutMs`; an idle kept-alive socket is closed
 * after `keepAliveTimeoutMs`. Node checks these deadlines on a timer
 * (30 s by default), so the timer runs at least twice per shortest deadline,
 * or a one-minute timeout could hold a socket for ninety seconds.
 */
import type { ServerOptions } from 'node:http';

export interface HttpTimeouts {
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

export function httpServerOptions(t: HttpTimeouts): ServerOptions {
  return {
    requestTimeout: t.requestTimeoutMs,
    headersTimeout: t.headersTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.min(t.requestTimeoutMs, t.headersTimeoutMs) / 2)),
  };
}
