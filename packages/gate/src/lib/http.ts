import { createHash, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { type CappedBody, readCapped, UnsupportedEncodingError } from './body.js';

/** The origin files the gate reads; `rsl` is a licence document a robots.txt `License:` line names (on any origin). */
export type OriginFile = 'robots' | 'tdmrep' | 'aitxt' | 'aitxt-wellknown' | 'rsl';

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
  const timeout = { fired: false, exchange: undefined as Exchange | undefined };
  // Cleared when the request ends, rather than kept until it fires (30 s per request).
  const timer = setTimeout(() => {
    timeout.fired = true;
    timeout.exchange?.abort(new TotalTimeoutError());
  }, options.totalTimeout);
  timer.unref();
  try {
    await follow(record, options, timeout);
  } catch (error) {
    record.failure = failureOf(error, timeout.fired);
  } finally {
    clearTimeout(timer);
  }
  record.durationMs = Math.round(performance.now() - started);
  return record;
}

class TotalTimeoutError extends Error {
  override readonly name = 'TotalTimeoutError';
}

async function follow(
  record: Retrieval,
  options: RetrieveOptions,
  timeout: { fired: boolean; exchange: Exchange | undefined },
): Promise<void> {
  for (let hop = 0; ; hop++) {
    if (timeout.fired) throw new TotalTimeoutError();
    const exchange = new Exchange(options.maxBytes);
    timeout.exchange = exchange;
    const response = await exchange.send(record.finalUrl, options);
    const location = response.headers.location;
    if (REDIRECTS.has(response.status) && location) {
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
    record.status = response.status;
    record.headers = keptHeaders(response.headers);
    const body = response.body;
    if (!body) return;
    record.body = body.bytes;
    record.bytes = body.bytes.length;
    record.truncated = body.truncated;
    record.sha256 = createHash('sha256').update(body.bytes).digest('hex');
    return;
  }
}

type ResponseHeaders = Record<string, string | string[] | undefined>;

/** A final response: status, headers and, for a 2xx, the body read up to the cap. */
interface Response {
  status: number;
  headers: ResponseHeaders;
  body?: CappedBody;
}

// Bodies that are not read (redirects, errors) are drained up to this many
// bytes to keep the connection; past it the connection is dropped.
const DRAIN_LIMIT = 128 * 1024;

/**
 * One GET through the dispatcher, as an undici dispatch handler. Origin
 * files are small and most answers are 404s: a plain handler spares each
 * request the response stream and promises of undici's `request` API. A 2xx
 * body without `Content-Encoding` is gathered here up to the cap; an encoded
 * one goes through `readCapped`, which caps after decompression.
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #cap: number;
  #controller: Dispatcher.DispatchController | undefined;
  #aborted: Error | undefined;
  #status = 0;
  #headers: ResponseHeaders = {};
  /** What the body is for: gathered (2xx), decoded through a stream (encoded 2xx), or drained. */
  #mode: 'gather' | 'decode' | 'drain' = 'drain';
  #chunks: Uint8Array[] = [];
  #size = 0;
  #decoding: PassThrough | undefined;
  #ended = false;
  #settled = false;
  #resolve!: (response: Response) => void;
  #reject!: (error: unknown) => void;

  constructor(cap: number) {
    this.#cap = cap;
  }

  /** Send the request; resolves once the response and its body are done with. */
  send(url: string, options: RetrieveOptions): Promise<Response> {
    const target = new URL(url);
    const done = new Promise<Response>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    options.dispatcher.dispatch(
      {
        origin: target.origin,
        path: target.search ? target.pathname + target.search : target.pathname,
        method: 'GET',
        headers: { 'user-agent': options.userAgent, 'accept-encoding': 'gzip, deflate, br', accept: '*/*' },
        headersTimeout: options.headersTimeout,
        bodyTimeout: options.bodyTimeout,
      },
      this,
    );
    return done;
  }

  /** Stop the request (now, or as soon as undici starts it). */
  abort(reason: Error): void {
    this.#aborted ??= reason;
    this.#controller?.abort(reason);
    this.#decoding?.destroy(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#aborted) controller.abort(this.#aborted);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaders,
  ): void {
    // Informational (1xx) responses precede the real one.
    if (statusCode < 200) return;
    this.#status = statusCode;
    this.#headers = headers;
    if (statusCode > 299 || (REDIRECTS.has(statusCode) && headers.location)) return;
    const encoding = headers['content-encoding'];
    if (encoding === undefined) {
      this.#mode = 'gather';
      return;
    }
    this.#mode = 'decode';
    const stream = new PassThrough();
    this.#decoding = stream;
    readCapped(stream, Array.isArray(encoding) ? encoding.join(', ') : encoding, this.#cap).then(
      (body) => {
        // Cut at the cap (or the source was dropped): the rest is not wanted.
        this.#settle(body);
        if (!this.#ended) this.#controller?.abort(new CutError());
      },
      (error: unknown) => {
        this.#fail(error);
        if (!this.#ended) this.#controller?.abort(error as Error);
      },
    );
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Uint8Array): void {
    if (this.#settled) return;
    if (this.#mode === 'decode') {
      // The decoder's pace sets the socket's: a fast compressed stream is not buffered whole.
      if (!this.#decoding!.write(chunk)) {
        controller.pause();
        this.#decoding!.once('drain', () => controller.resume());
      }
      return;
    }
    if (this.#mode === 'drain') {
      this.#size += chunk.length;
      if (this.#size > DRAIN_LIMIT) {
        this.#settle(undefined);
        controller.abort(new CutError());
      }
      return;
    }
    const room = this.#cap - this.#size;
    if (chunk.length > room) {
      // Only a byte beyond the cap makes a cut: a body exactly `cap` long is whole.
      this.#chunks.push(chunk.subarray(0, room));
      this.#size = this.#cap;
      this.#settle({ bytes: Buffer.concat(this.#chunks, this.#size), truncated: true });
      controller.abort(new CutError());
      return;
    }
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  onResponseEnd(): void {
    this.#ended = true;
    if (this.#mode === 'decode') this.#decoding!.end();
    else if (this.#mode === 'gather')
      this.#settle({ bytes: Buffer.concat(this.#chunks, this.#size), truncated: false });
    else this.#settle(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#ended = true;
    if (this.#settled) return;
    // A body that was only drained does not matter: the status is known.
    if (this.#status && this.#mode === 'drain') this.#settle(undefined);
    else if (this.#mode === 'decode' && this.#status) this.#decoding!.destroy(error);
    else this.#fail(error);
  }

  #settle(body: CappedBody | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#chunks = [];
    this.#resolve(
      body
        ? { status: this.#status, headers: this.#headers, body }
        : { status: this.#status, headers: this.#headers },
    );
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#reject(error);
  }
}

/** Why the gate stopped reading a body it had enough of. */
class CutError extends Error {
  override readonly name = 'CutError';
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
