import type { Decision } from '@optout/core';
import { Headers, type RequestInit, Response, fetch as undiciFetch } from 'undici';
import type { Gate } from './gate.js';
import { bodyKind } from './response.js';

/** What `gate.fetch` accepts: undici's `RequestInit`, less what the gate decides (redirects, dispatcher). */
export type GateFetchInit = Omit<RequestInit, 'redirect' | 'dispatcher'>;

/** The outcome of `gate.fetch`. */
export interface GateFetchResult {
  /** The check decision when the request was refused, else the decision after inspecting the response. */
  decision: Decision;
  /** Absent when the check (of the URL or of a redirect target) disallowed the request: nothing was sent. */
  response?: Response;
  /** The URL finally requested or refused (after redirects). */
  url: string;
}

const NULL_BODY = new Set([101, 204, 205, 304]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Read up to `cap` bytes of a stream; returns the bytes read and whether the stream ended. */
async function readPrefix(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  cap: number,
): Promise<{ chunks: Uint8Array[]; size: number; done: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < cap) {
    const { value, done } = await reader.read();
    if (done) return { chunks, size, done: true };
    chunks.push(value);
    size += value.byteLength;
  }
  return { chunks, size, done: false };
}

/** A stream that yields the buffered chunks, then whatever the reader still has. */
function replay(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, done: boolean) {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i < chunks.length) return controller.enqueue(chunks[i++]!);
      if (done) return controller.close();
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Check, fetch only if allowed, inspect. Redirects are followed by hand so
 * each target is checked before it is requested. Only bodies that carry
 * signals (HTML, PDF, EPUB, images, audio, video) are read ahead, at most
 * `maxBodyBytes`; the response handed back still yields the whole body.
 */
export async function gateFetch(gate: Gate, url: string, init: GateFetchInit = {}): Promise<GateFetchResult> {
  const o = gate.options;
  let current = url;
  let requestInit: GateFetchInit = init;
  for (let hop = 0; ; hop++) {
    const decision = await gate.check(current);
    if (!decision.allowed) return { decision, url: current };
    await gate.politeWait(await gate.policy(current));
    const headers = new Headers(requestInit.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('user-agent', o.agent.userAgent);
    const response = await gate.limited(() =>
      undiciFetch(current, { ...requestInit, headers, redirect: 'manual', dispatcher: gate.agent }),
    );
    const location = response.headers.get('location');
    if (REDIRECTS.has(response.status) && location && hop < o.maxRedirects) {
      await response.body?.cancel();
      current = new URL(location, current).href;
      // 303, and 301/302 after POST, turn into GET without a body (Fetch standard).
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && init.method === 'POST')
      )
        requestInit = { ...requestInit, method: 'GET', body: null };
      continue;
    }
    return { ...(await inspectResponse(gate, current, response)), url: current };
  }
}

async function inspectResponse(
  gate: Gate,
  url: string,
  response: Response,
): Promise<Omit<GateFetchResult, 'url'>> {
  const kind = bodyKind(response.headers.get('content-type') ?? undefined);
  if (!kind || !response.body || NULL_BODY.has(response.status)) {
    return { decision: await gate.inspect(url, { headers: response.headers }), response };
  }
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const prefix = await readPrefix(reader, gate.options.maxBodyBytes);
  const body = Buffer.concat(prefix.chunks, prefix.size);
  const decision = await gate.inspect(url, { headers: response.headers, body });
  // undici decoded the body: the replayed response must not claim an encoding or a length.
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  const replayed = new Response(replay(prefix.chunks, reader, prefix.done), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  return { decision, response: replayed };
}
