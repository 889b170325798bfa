import { createGate, type Gate, type Retrieval } from '@optout/gate';
import type { Fetched, SiteSnapshot } from './snapshot.js';
import { isHtml, pageLinks, usable } from './snapshot.js';

/** How the audit fetches. */
export interface AuditFetchOptions {
  userAgent: string;
  /** curl-style `host:port:address` entries. */
  resolve?: string[];
  /** Pages read besides the one asked about (same-origin links of it). Default 4. */
  extraPages?: number;
}

/** The product token the audit reads sites as: robots.txt groups for `*` apply to it. */
export const AUDIT_TOKEN = 'optout-audit';
const PAGE_BYTES = 512 * 1024;

function fromRetrieval(retrieval: Retrieval | undefined, fallbackUrl: string): Fetched {
  if (!retrieval)
    return { url: fallbackUrl, error: 'not requested', headers: [], retrievedAt: new Date().toISOString() };
  return {
    url: retrieval.url,
    ...(retrieval.status !== undefined ? { status: retrieval.status } : {}),
    ...(retrieval.failure ? { error: retrieval.failure.message } : {}),
    headers: Object.entries(retrieval.headers),
    ...(retrieval.body ? { body: retrieval.body } : {}),
    retrievedAt: retrieval.retrievedAt,
  };
}

async function readCapped(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array | undefined> {
  if (!stream) return undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < PAGE_BYTES) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return new Uint8Array(Buffer.concat(chunks).subarray(0, PAGE_BYTES));
}

/** GET a page through the gate (which refuses what robots.txt disallows for the audit's token). */
async function fetchPage(gate: Gate, url: string): Promise<Fetched> {
  const retrievedAt = new Date().toISOString();
  try {
    const result = await gate.fetch(url);
    if (!result.response) {
      const why = result.decision.statements.find((s) => s.role === 'deciding');
      return {
        url,
        error: `not fetched: ${why ? `${why.source} ${why.evidence.raw}` : 'disallowed'}`,
        headers: [],
        retrievedAt,
      };
    }
    const response = result.response;
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    const ok = response.status >= 200 && response.status < 300;
    const body = ok ? await readCapped(response.body) : undefined;
    if (!ok) await response.body?.cancel();
    return { url, status: response.status, headers, ...(body ? { body } : {}), retrievedAt };
  } catch (error) {
    return { url, error: (error as Error).message, headers: [], retrievedAt };
  }
}

/**
 * Read what an AI crawler would read, through the gate (its fetch rules,
 * caps and timeouts): robots.txt, ai.txt, tdmrep.json, the RSL documents
 * robots.txt names, the page asked about and a few same-origin pages it links to.
 */
export async function fetchSite(site: string, options: AuditFetchOptions): Promise<SiteSnapshot> {
  const origin = new URL(site).origin;
  const gate = createGate({
    agent: { token: AUDIT_TOKEN, userAgent: options.userAgent },
    purpose: 'crawl',
    // A site that shuts crawlers out still has its other files audited.
    readFilesWhenShutOut: true,
    ...(options.resolve?.length ? { resolve: options.resolve } : {}),
  });
  try {
    const policy = await gate.policy(origin);
    const files = policy.files;
    const main = await fetchPage(gate, new URL(site).href);
    const links =
      usable(main) && isHtml(main)
        ? pageLinks(new TextDecoder().decode(main.body), main.url, origin).filter((u) => u !== main.url)
        : [];
    const extra = await Promise.all(
      links.slice(0, options.extraPages ?? 4).map((url) => fetchPage(gate, url)),
    );
    const aiTxt = files.aitxt?.retrieval.body ? files.aitxt : (files['aitxt-wellknown'] ?? files.aitxt);
    return {
      site,
      origin,
      robots: fromRetrieval(files.robots?.retrieval, `${origin}/robots.txt`),
      aiTxt: fromRetrieval(aiTxt?.retrieval, `${origin}/ai.txt`),
      tdmrep: fromRetrieval(files.tdmrep?.retrieval, `${origin}/.well-known/tdmrep.json`),
      licenses: policy.record.retrievals.filter((r) => r.file === 'rsl').map((r) => fromRetrieval(r, r.url)),
      pages: [main, ...extra],
    };
  } finally {
    await gate.close();
  }
}
