import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type Category, type Decision, decide, type Statement } from '@optout/core';
import { readMedia } from '@optout/media';
import { type CheckFiles, gatherStatements, type LocalFile } from '../check/sources.js';
import { newSummary, type SummaryState, Tally } from '../filter/summary.js';
import { readWarc, type WarcEntry } from './records.js';

/** What `optout warc` needs. */
export interface WarcRunOptions {
  files: string[];
  agent: string;
  purpose: Category;
  defaultForUnknown?: 'allow' | 'disallow';
  /** One Decision (JSON) per evaluated record, in file order. */
  onDecision?: (decision: Decision, entry: WarcEntry, file: string) => void;
  /** Write the records that are allowed (and the records that are not content) here. */
  out?: string;
  /** Optional live origin check (the gate), merged with the offline statements. */
  online?: (url: string) => Promise<Decision>;
}

const ORIGIN_FILES: Record<string, keyof Pick<CheckFiles, 'robots' | 'tdmrep' | 'aiTxt'>> = {
  '/robots.txt': 'robots',
  '/.well-known/tdmrep.json': 'tdmrep',
  '/ai.txt': 'aiTxt',
  '/.well-known/ai.txt': 'aiTxt',
};

type OriginFiles = Map<string, Pick<CheckFiles, 'robots' | 'tdmrep' | 'aiTxt'>>;

function split(uri: string | undefined): { origin: string; path: string } | undefined {
  if (!uri) return undefined;
  try {
    const url = new URL(uri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { origin: url.origin, path: url.pathname };
  } catch {
    return undefined;
  }
}

const isResponse = (e: WarcEntry) => e.type === 'response' && e.status !== undefined;
const originFileOf = (e: WarcEntry) => (isResponse(e) ? ORIGIN_FILES[split(e.uri)?.path ?? ''] : undefined);

/** Pass 1: the robots.txt, tdmrep.json and ai.txt captured in the files (the last 2xx capture of each wins). */
async function collectOriginFiles(files: string[]): Promise<OriginFiles> {
  const found: OriginFiles = new Map();
  for (const file of files) {
    for await (const entry of readWarc(file, (e) => !!originFileOf(e) && e.status! < 300)) {
      const kind = originFileOf(entry);
      if (!kind || !entry.payload || entry.status! >= 300) continue;
      const { origin } = split(entry.uri)!;
      const slot = found.get(origin) ?? {};
      slot[kind] = { path: entry.uri!, bytes: entry.payload } satisfies LocalFile;
      found.set(origin, slot);
    }
  }
  return found;
}

function headerBlock(entry: WarcEntry): Uint8Array {
  const text = `HTTP/1.1 ${entry.status}\r\n${entry.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return new TextEncoder().encode(text);
}

const HTML = /text\/html|application\/xhtml/i;
// Works that can carry C2PA manifests or XMP (IPTC Data Mining, TDMRep).
const MEDIA = /^\s*(image|audio|video)\/|application\/pdf/i;
const contentType = (e: WarcEntry) => e.headers.find(([k]) => k === 'content-type')?.[1] ?? '';
const wantsPayload = (e: WarcEntry) =>
  isResponse(e) && (HTML.test(contentType(e)) || MEDIA.test(contentType(e)));

/** The statements one captured response carries, with the origin files captured for its site. */
function offlineStatements(entry: WarcEntry, origins: OriginFiles, agent: string): Statement[] {
  const { origin } = split(entry.uri)!;
  const files: CheckFiles = { ...origins.get(origin) };
  files.headers = { path: entry.uri!, bytes: headerBlock(entry) };
  if (entry.payload && HTML.test(contentType(entry))) files.html = { path: entry.uri!, bytes: entry.payload };
  const options = { url: entry.uri!, agent, robotsInference: 'vendor', tdmrepMode: 'spec' } as const;
  const statements = gatherStatements(files, options).statements;
  if (entry.payload && MEDIA.test(contentType(entry))) {
    statements.push(...readMedia(entry.payload, { fileName: entry.uri! }).statements);
  }
  return statements;
}

/** Copy one record's bytes from its file into the output, (re)compressing to match the output name. */
function copyRecord(
  source: number,
  entry: WarcEntry,
  sourceGzip: boolean,
  out: number,
  outGzip: boolean,
): void {
  const bytes = Buffer.alloc(entry.length);
  readSync(source, bytes, 0, entry.length, entry.offset);
  const data = sourceGzip === outGzip ? bytes : outGzip ? gzipSync(bytes) : gunzipSync(bytes);
  writeSync(out, data);
}

/**
 * Evaluate every captured HTTP response of the WARC files offline (their
 * headers, HTML, and the C2PA / XMP signals of media payloads, with the
 * robots.txt / tdmrep.json / ai.txt captured for
 * the same origin), optionally merging a live origin check, and write the
 * allowed records to a filtered WARC.
 */
export async function runWarc(options: WarcRunOptions): Promise<SummaryState> {
  const tally = new Tally(newSummary(options.agent, options.purpose));
  const origins = await collectOriginFiles(options.files);
  const verdicts = new Map<string, boolean>();
  const out = options.out ? openSync(options.out, 'w') : undefined;
  const outGzip = !!options.out?.toLowerCase().endsWith('.gz');
  try {
    for (const file of options.files) {
      const kept: WarcEntry[] = [];
      for await (const entry of readWarc(file, wantsPayload)) {
        const keep = await judge(entry, origins, options, tally, file);
        delete entry.payload;
        if (keep === undefined) kept.push(entry);
        else {
          if (entry.uri) verdicts.set(entry.uri, keep && (verdicts.get(entry.uri) ?? true));
          if (keep) kept.push(entry);
        }
      }
      if (out !== undefined) writeKept(file, kept, verdicts, out, outGzip);
    }
  } finally {
    if (out !== undefined) closeSync(out);
  }
  tally.flush();
  tally.state.finishedAt = new Date().toISOString();
  return tally.state;
}

/** The verdict for a record: true/false for content, undefined for records that are not content. */
async function judge(
  entry: WarcEntry,
  origins: OriginFiles,
  options: WarcRunOptions,
  tally: Tally,
  file: string,
): Promise<boolean | undefined> {
  const content =
    (entry.type === 'response' || entry.type === 'resource' || entry.type === 'revisit') && split(entry.uri);
  if (!content || originFileOf(entry)) return undefined;
  const statements = entry.status !== undefined ? offlineStatements(entry, origins, options.agent) : [];
  const errors: Decision['errors'] = [];
  if (options.online) {
    const live = await options.online(entry.uri!);
    statements.push(...live.statements.map(({ role: _r, via: _v, ...s }) => s));
    errors.push(...live.errors);
  }
  const decision = decide({
    url: entry.uri!,
    agent: options.agent,
    purpose: options.purpose,
    statements,
    errors,
    defaultForUnknown: options.defaultForUnknown ?? 'allow',
  });
  tally.add(decision);
  options.onDecision?.(decision, entry, file);
  return decision.allowed;
}

/**
 * Request and metadata records follow the verdict of their URL's response;
 * warcinfo and records of URLs never judged are kept.
 */
function writeKept(
  file: string,
  entries: WarcEntry[],
  verdicts: Map<string, boolean>,
  out: number,
  outGzip: boolean,
) {
  const source = openSync(file, 'r');
  const head = Buffer.alloc(2);
  readSync(source, head, 0, 2, 0);
  const sourceGzip = head[0] === 0x1f && head[1] === 0x8b;
  try {
    for (const entry of entries) {
      const dependent = entry.type === 'request' || entry.type === 'metadata';
      if (dependent && entry.uri && verdicts.get(entry.uri) === false) continue;
      copyRecord(source, entry, sourceGzip, out, outGzip);
    }
  } finally {
    closeSync(source);
  }
}
