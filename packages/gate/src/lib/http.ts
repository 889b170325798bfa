import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { readCapped, UnsupportedEncodingError } from './body.js';

/** The origin files the gate reads. */
export type OriginFile = 'robots' | 'tdmrep' | 'aitxt' | 'aitxt-wellknown';

/** Why a retrieval produced no usable response. */
export type FailureKind =
  | 'connect-timeout'
  | 'headers-timeout'
  | 'body-timeout'
  | 'total-timeout'
  | 'dns'
  | 'connection'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'encoding'
  | 'protocol';

/** A failed retrieval: no status to map, only what went wrong. */
export interface RetrievalFailure {
  kind: FailureKind;
  /** Stable code for decisions: `OPTOUT_ERR_FETCH_TIMEOUT` for timeouts, else `OPTOUT_ERR_FETCH`. */
  code: 'OPTOUT_ERR_FETCH_TIMEOUT' | 'OPTOUT_ERR_FETCH';
  message: string;
}

/** Everything known about one request for an origin file: what the evidence log records. */
export interface Retrieval {
  /** Unique id; decisions refer to retrievals by it. */
  id: string;
  file: OriginFile;
  url: string;
  /** URL of the last response (after redirects). */
  finalUrl: string;
  /** Every Location followed, in order. */
  redirects: string[];
  /** Final status; absent when the request failed. */
  status?: number;
  /** Selected response headers (lower-case names). */
  headers: Record<string, string>;
  retrievedAt: string;
  durationMs: number;
  /** Body bytes read after decompression (0 unless 2xx). */
  bytes: number;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
  /** SHA-256 (hex) of the bytes read. */
  sha256?: string;
  /** The body, for 2xx responses. Kept as bytes so each parser decodes it its own way. */
  body?: Uint8Array;
  failure?: RetrievalFailure;
}

/** Headers worth keeping as evidence and for caching. */
const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'cache-control',
  'expires',
  'age',
  'date',
  'last-modified',
  'etag',
  'retry-after',
  'server',
];

/** What `retrieve` needs to know. */
export interface RetrieveOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  maxBytes: number;
  maxRedirects: number;
  headersTimeout: number;
  bodyTimeout: number;
  totalTimeout: number;
}

/**
 * An undici Agent with the gate's connections per origin, connect timeout and `resolve` map
 * (`host:port` -> address, like curl `--resolve`). The mapped name is still
 * sent as Host and as TLS server name.
 */
export function createAgent(options: {
  connectionsPerOrigin: number;
  connectTimeout: number;
  headersTimeout: number;
  bodyTimeout: number;
  resolve: Map<string, string>;
}): Agent {
  const base = buildConnector({ timeout: options.connectTimeout });
  const connect: buildConnector.connector =
    options.resolve.size === 0
      ? base
      : (opts, callback) => {
          const host = opts.hostname.startsWith('[') ? opts.hostname.slice(1, -1) : opts.hostname;
          const port = opts.port || (opts.protocol === 'https:' ? '443' : '80');
          const address = options.resolve.get(`${host}:${port}`);
          if (!address) return base(opts, callback);
          base({ ...opts, hostname: address, servername: opts.servername ?? host }, callback);
        };
  return new Agent({
    connect,
    headersTimeout: options.headersTimeout,
    bodyTimeout: options.bodyTimeout,
    keepAliveTimeout: 4_000,
    // undici stops reusing a socket whose server-announced keep-alive
    // (`Keep-Alive: timeout=N`) is within this margin of expiring. Its 2 s
    // default makes every `timeout=1` server cost a new connection per file;
    // an origin's files are requested back to back, so 500 ms is margin enough.
    keepAliveTimeoutThreshold: 500,
    // One connection per origin is a single undici Client: polite to the
    // server, and far cheaper than a Pool when thousands of origins are new.
    connections: options.connectionsPerOrigin,
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function keptHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Classify an error thrown while requesting or reading. */
export function failureOf(error: unknown, aborted: boolean): RetrievalFailure {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const timeout = (kind: FailureKind, text: string): RetrievalFailure => ({
    kind,
    code: 'OPTOUT_ERR_FETCH_TIMEOUT',
    message: text,
  });
  if (aborted) return timeout('total-timeout', 'request took longer than the total timeout');
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return timeout('connect-timeout', message);
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return timeout('headers-timeout', message);
  if (code === 'UND_ERR_BODY_TIMEOUT') return timeout('body-timeout', message);
  if (error instanceof UnsupportedEncodingError || code.startsWith('Z_') || code.startsWith('ERR_BROTLI'))
    return { kind: 'encoding', code: 'OPTOUT_ERR_FETCH', message };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', code: 'OPTOUT_ERR_FETCH', message };
  if (code.startsWith('E') && !code.startsWith('ERR_'))
    return { kind: 'connection', code: 'OPTOUT_ERR_FETCH', message: `${code}: ${message}` };
  return { kind: 'protocol', code: 'OPTOUT_ERR_FETCH', message: code ? `${code}: ${message}` : message };
}

/**
 * The string itself, flattened: V8 keeps a concatenation as a tree of its
 * pieces until something reads its characters, and reading one flattens it.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/**
 * GET one origin file: follow up to `maxRedirects` redirects (one more is a
 * failure), read a 2xx body up to `maxBytes` after decompression, and record
 * everything. Never throws: failures are part of the record. Statuses are
 * not interpreted here; `outcomeOf` does that.
 */
export async function retrieve(file: OriginFile, url: string, options: RetrieveOptions): Promise<Retrieval> {
  const started = performance.now();
  const retrievedAt = new Date().toISOString();
  // Both are built by concatenation; flattened, each is kept as one buffer
  // instead of a tree of pieces (a UUID: about 70 bytes instead of 490).
  const id = flat(randomUUID());
  flat(url);
  const record: Retrieval = {
    id,
    file,
    url,
    finalUrl: url,
    redirects: [],
    headers: {},
    retrievedAt,
    durationMs: 0,
    bytes: 0,
    truncated: false,
  };
  // undici takes an EventEmitter as its abort signal: far cheaper to make than
  // an AbortSignal, and unlike AbortSignal.timeout its timer is cleared when
  // the request ends rather than kept until it fires (30 s per request).
  const abort = new EventEmitter();
  let aborted = false;
  const timer = setTimeout(() => {
    aborted = true;
    abort.emit('abort');
  }, options.totalTimeout);
  timer.unref();
  try {
    await follow(record, options, abort);
  } catch (error) {
    record.failure = failureOf(error, aborted);
  } finally {
    clearTimeout(timer);
  }
  record.durationMs = Math.round(performance.now() - started);
  return record;
}

async function follow(record: Retrieval, options: RetrieveOptions, signal: EventEmitter): Promise<void> {
  for (let hop = 0; ; hop++) {
    const response = await request(record.finalUrl, {
      dispatcher: options.dispatcher,
      method: 'GET',
      headers: { 'user-agent': options.userAgent, 'accept-encoding': 'gzip, deflate, br', accept: '*/*' },
      headersTimeout: options.headersTimeout,
      bodyTimeout: options.bodyTimeout,
      signal,
    });
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode) && location) {
      await response.body.dump().catch(() => {});
      if (hop >= options.maxRedirects) {
        record.failure = {
          kind: 'too-many-redirects',
          code: 'OPTOUT_ERR_FETCH',
          message: `more than ${options.maxRedirects} redirects`,
        };
        return;
      }
      const next = nextUrl(record.finalUrl, Array.isArray(location) ? location[0]! : location);
      if (!next) {
        record.failure = {
          kind: 'bad-redirect',
          code: 'OPTOUT_ERR_FETCH',
          message: `bad Location: ${location}`,
        };
        return;
      }
      record.redirects.push(next);
      record.finalUrl = next;
      continue;
    }
    record.status = response.statusCode;
    record.headers = keptHeaders(response.headers);
    if (response.statusCode < 200 || response.statusCode > 299) {
      await response.body.dump().catch(() => {});
      return;
    }
    const body = await readCapped(response.body, record.headers['content-encoding'], options.maxBytes);
    record.body = body.bytes;
    record.bytes = body.bytes.length;
    record.truncated = body.truncated;
    record.sha256 = createHash('sha256').update(body.bytes).digest('hex');
    return;
  }
}

/** Absolute http(s) target of a Location header, or undefined. */
function nextUrl(base: string, location: string): string | undefined {
  try {
    const next = new URL(location, base);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next.href : undefined;
  } catch {
    return undefined;
  }
}
