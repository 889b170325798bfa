import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Decision } from '@optout/core';
import type { OriginFile, Retrieval, RetrievalFailure } from './http.js';
import type { EvidenceLogOptions } from './options.js';

/** One origin-file retrieval, as logged: everything but the body. */
export interface RetrievalEntry {
  type: 'retrieval';
  id: string;
  origin: string;
  file: OriginFile;
  url: string;
  finalUrl: string;
  redirects: string[];
  status?: number;
  retrievedAt: string;
  durationMs: number;
  bytes: number;
  truncated: boolean;
  sha256?: string;
  headers: Record<string, string>;
  failure?: RetrievalFailure;
}

/** One decision, as logged, with the ids of the retrievals it was built from. */
export interface DecisionEntry {
  type: 'decision';
  at: string;
  retrievals: string[];
  decision: Decision;
}

/** A line of the evidence log. */
export type EvidenceEntry = RetrievalEntry | DecisionEntry;

/** The log entry for a retrieval (the body is left out; its SHA-256 stays). */
export function retrievalEntry(origin: string, retrieval: Retrieval): RetrievalEntry {
  const { body: _body, ...rest } = retrieval;
  return { type: 'retrieval', origin, ...rest };
}

/**
 * Append-only JSONL writer. Each entry is one line, written whole with one
 * `write` on a file opened for appending. With `fsync: 'always'` the line is
 * on disk before `append` returns; `'flush'` batches lines and fsyncs each
 * batch; `'never'` leaves it to the OS. A crash can at worst leave the last
 * line incomplete: the writer starts a new line when it reopens such a file,
 * and `readEvidenceLog` skips a line it cannot parse.
 */
export class EvidenceLog {
  private readonly fd: number;
  private readonly options: Required<EvidenceLogOptions>;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: EvidenceLogOptions) {
    this.options = { fsync: 'flush', flushInterval: 100, decisions: true, ...options };
    this.fd = openSync(options.path, 'a+');
    if (!endsWithNewline(this.fd)) writeSync(this.fd, '\n');
  }

  /** Whether decisions are logged too. */
  get logsDecisions(): boolean {
    return this.options.decisions;
  }

  /** Queue (or, with `fsync: 'always'`, write) one entry. */
  append(entry: EvidenceEntry): void {
    if (this.closed) return;
    const line = JSON.stringify(entry) + '\n';
    if (this.options.fsync === 'always') {
      writeSync(this.fd, line);
      fsyncSync(this.fd);
      return;
    }
    this.pending.push(line);
    this.timer ??= setTimeout(() => this.flush(), this.options.flushInterval).unref();
  }

  /** Write queued lines now (and fsync them unless `fsync: 'never'`). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0 || this.closed) return;
    const text = this.pending.join('');
    this.pending = [];
    writeSync(this.fd, text);
    if (this.options.fsync !== 'never') fsyncSync(this.fd);
  }

  /** Flush, fsync and close the file. */
  close(): void {
    if (this.closed) return;
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/**
 * Read an evidence log line by line. Lines that are not complete JSON (a
 * torn last line after a crash) are skipped and counted in `skipped`, so a
 * reader never fails on them.
 */
export async function readEvidenceLog(path: string): Promise<{ entries: EvidenceEntry[]; skipped: number }> {
  const file = await open(path);
  const entries: EvidenceEntry[] = [];
  let skipped = 0;
  try {
    for await (const line of file.readLines()) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as EvidenceEntry);
      } catch {
        skipped++;
      }
    }
  } finally {
    await file.close();
  }
  return { entries, skipped };
}
