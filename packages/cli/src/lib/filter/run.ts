import { existsSync, rmSync } from 'node:fs';
import { type Category, type Decision, decide } from '@optout/core';
import { splitCsvLine } from './csv.js';
import { decisionLine } from './facts.js';
import { OriginsInFlight } from './in-flight.js';
import { InOrder } from './in-order.js';
import { csvHeader, detectFormat, type InputFormat, type InputRecord, readInputBatches } from './input.js';
import {
  assertResumable,
  type Checkpoint,
  inputIdentity,
  journalPath,
  readCheckpoint,
  writeCheckpoint,
} from './journal.js';
import { Progress, type ProgressStream } from './progress.js';
import { Sink } from './sink.js';
import { addInputError, newSummary, type SummaryState, Tally } from './summary.js';

/** Everything a filter run needs. The check itself is injected (the gate in the CLI). */
export interface FilterRunOptions {
  input: string;
  format?: InputFormat;
  urlColumn?: string;
  /** Allowed records go here (same format as the input; `.parquet` gives Parquet). */
  out: string;
  rejected?: string;
  /** One Decision (JSON) per URL, in input order. */
  decisions?: string;
  agent: string;
  purpose: Category;
  check: (url: string) => Promise<Decision>;
  /** The decision now, when it needs no I/O (the gate's `peek`): saves a promise per URL. */
  peek?: (url: string) => Decision | undefined;
  /** Continue an interrupted run from its checkpoint. */
  resume?: boolean;
  /** Records in flight at once (outputs stay in input order). Default 1024. */
  window?: number;
  /**
   * Origins whose checks may wait for the network at once; URLs of an origin
   * already waiting join it without counting. Default 128.
   */
  originsInFlight?: number;
  /** How often outputs are fsynced and the checkpoint replaced. Default 1000 ms. */
  checkpointMs?: number;
  /** Stop reading input when aborted; what was read is finished and checkpointed. */
  signal?: AbortSignal;
  progress?: ProgressStream;
  /** Told about every unreadable input line (`file:line: message`). */
  onInputError?: (message: string) => void;
}

/** How a run ended. */
export interface FilterRunResult {
  summary: SummaryState;
  interrupted: boolean;
  /** `--resume` found the run already complete and did nothing. */
  alreadyDone: boolean;
}

interface Outputs {
  kept: Sink;
  rejected?: Sink;
  decisions?: Sink;
}

function spoolPath(path: string): string {
  return `${path}.spool.jsonl`;
}

function isParquet(path: string): boolean {
  return path.toLowerCase().endsWith('.parquet');
}

/** The file a sink appends to: Parquet outputs are spooled as JSON rows and converted at the end. */
function sinkFile(path: string): string {
  return isParquet(path) ? spoolPath(path) : path;
}

class Formatter {
  readonly #format: InputFormat;
  readonly #header: string[] | undefined;

  constructor(format: InputFormat, header: string | undefined) {
    this.#format = format;
    this.#header = header === undefined ? undefined : splitCsvLine(header);
  }

  /** The record as a line in the input's own format. */
  line(record: InputRecord): string {
    if (record.row) return JSON.stringify(record.row) + '\n';
    return (this.#format === 'txt' ? record.url : record.raw) + '\n';
  }

  /** The record as a JSON row (for Parquet outputs). */
  row(record: InputRecord): string {
    if (record.row) return JSON.stringify(record.row) + '\n';
    if (this.#format === 'jsonl') return JSON.stringify(JSON.parse(record.raw!)) + '\n';
    if (this.#format === 'csv' && this.#header) {
      const fields = splitCsvLine(record.raw!) ?? [];
      return (
        JSON.stringify(Object.fromEntries(this.#header.map((name, i) => [name, fields[i] ?? null]))) + '\n'
      );
    }
    return JSON.stringify({ url: record.url }) + '\n';
  }
}

/** `scheme://authority` of an absolute URL as written (the input reader checked its form). */
function originOf(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash < 0 ? url : url.slice(0, slash);
}

function failClosed(url: string, options: FilterRunOptions, error: unknown): Decision {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string })?.code ?? 'OPTOUT_ERR_CHECK';
  return decide({
    url,
    agent: options.agent,
    purpose: options.purpose,
    statements: [],
    errors: [{ source: 'gate', code, message }],
    defaultForUnknown: 'disallow',
  });
}

/**
 * Check every URL of the input and split the records into the allowed and
 * rejected outputs, with a checkpoint journal so an interrupted run (Ctrl-C,
 * crash, `kill -9`) resumes without losing or repeating a record.
 */
export async function runFilter(options: FilterRunOptions): Promise<FilterRunResult> {
  const format = options.format ?? detectFormat(options.input);
  const identity = inputIdentity(options.input);
  const settings = {
    agent: options.agent,
    purpose: options.purpose,
    format,
    'url-column': options.urlColumn,
    rejected: options.rejected,
    decisions: options.decisions,
  };
  const journal = journalPath(options.out);
  const previous = options.resume ? readCheckpoint(journal) : undefined;
  if (previous) assertResumable(previous, identity, settings);
  if (previous?.done) return { summary: previous.summary, interrupted: false, alreadyDone: true };

  const header = format === 'csv' ? await csvHeader(options.input) : undefined;
  const formatter = new Formatter(format, header);
  const open = (path: string | undefined): Sink | undefined => {
    if (!path) return undefined;
    const file = sinkFile(path);
    const sink = new Sink(file, previous?.outputs[file] ?? 0);
    if (!previous && header !== undefined && !isParquet(path) && path !== options.decisions)
      sink.write(header + '\n');
    return sink;
  };
  const outputs: Outputs = {
    kept: open(options.out)!,
    rejected: open(options.rejected),
    decisions: open(options.decisions),
  };
  const summary = previous?.summary ?? newSummary(options.agent, options.purpose);
  const tally = new Tally(summary);
  let next = previous?.next ?? 0;

  const checkpoint = (done: boolean): void => {
    tally.flush();
    const lengths: Record<string, number> = {};
    for (const sink of Object.values(outputs) as Array<Sink | undefined>) {
      if (!sink) continue;
      sink.sync();
      lengths[sink.path] = sink.bytes;
    }
    const state: Checkpoint = {
      version: 1,
      input: identity,
      settings,
      next,
      outputs: lengths,
      summary,
      done,
    };
    writeCheckpoint(journal, state);
  };
  checkpoint(false);

  const keptAsRows = isParquet(options.out);
  const rejectedAsRows = !!options.rejected && isParquet(options.rejected);
  const writeRecord = (record: InputRecord, decision: Decision | undefined): void => {
    if (!decision) {
      const message = `${options.input}:${record.line}: ${record.error}`;
      addInputError(summary, message);
      options.onInputError?.(message);
    } else {
      const facts = tally.add(decision);
      const target = decision.allowed ? outputs.kept : outputs.rejected;
      const asRow = decision.allowed ? keptAsRows : rejectedAsRows;
      target?.write(asRow ? formatter.row(record) : formatter.line(record));
      outputs.decisions?.write(decisionLine(decision, facts));
    }
    next = record.index + 1;
  };

  const progress = options.progress
    ? new Progress(options.progress, { startDone: summary.total })
    : undefined;
  const counts = () => ({
    done: summary.total + summary.inputErrors,
    kept: summary.kept,
    excluded: summary.excluded,
    errors: summary.inputErrors,
    total: estimate(),
  });
  let chars = 0;
  let charsDone = 0;
  const estimate = () =>
    charsDone ? Math.round((identity.size * (summary.total + summary.inputErrors)) / chars) : undefined;

  const windowSize = options.window ?? 1024;
  // Origins as spelt in the URL.
  const inFlight = new OriginsInFlight(options.originsInFlight ?? 128);
  const everyMs = options.checkpointMs ?? 1000;
  let lastCheckpoint = Date.now();
  let sinceClock = 0;
  const afterWrite = (): void => {
    // Reading the clock on every record costs more than the records; every 256th is often enough.
    if (++sinceClock < 256 && everyMs > 0) return;
    sinceClock = 0;
    if (Date.now() - lastCheckpoint >= everyMs) {
      checkpoint(false);
      lastCheckpoint = Date.now();
    }
    progress?.update(counts());
  };
  const records = new InOrder((record, decision) => {
    writeRecord(record, decision);
    afterWrite();
  });

  let interrupted = false;
  const input = readInputBatches(options.input, { format, urlColumn: options.urlColumn, from: next });
  reading: for await (const batch of input)
    for (const record of batch) {
      if (options.signal?.aborted) {
        interrupted = true;
        break reading;
      }
      chars += (record.raw?.length ?? 64) + 1;
      charsDone++;
      const url = record.url;
      const ready = url ? options.peek?.(url) : undefined;
      if (!url || ready) records.decided(record, ready);
      else {
        const origin = originOf(url);
        while (inFlight.full(origin)) {
          await inFlight.freed();
          records.flush();
        }
        inFlight.add(origin);
        const check = options
          .check(url)
          .catch((error: unknown) => failClosed(url, options, error))
          .finally(() => inFlight.settle(origin));
        records.checking(record, check);
      }
      // Decided records count too: behind a slow origin they would otherwise pile up without bound.
      if (records.waiting >= windowSize) await records.next();
    }
  await records.drain();
  if (!interrupted) summary.finishedAt = new Date().toISOString();
  checkpoint(false);
  for (const sink of Object.values(outputs) as Array<Sink | undefined>) sink?.close();
  if (!interrupted) {
    await finishParquet(options);
    checkpoint(true);
  }
  progress?.finish(counts());
  return { summary, interrupted, alreadyDone: false };
}

async function finishParquet(options: FilterRunOptions): Promise<void> {
  for (const path of [options.out, options.rejected]) {
    if (!path || !isParquet(path)) continue;
    const { spoolToParquet } = await import('./parquet.js');
    await spoolToParquet(spoolPath(path), path);
    if (existsSync(spoolPath(path))) rmSync(spoolPath(path));
  }
}
