import { createReadStream } from 'node:fs';
import { OptoutError } from '@optout/core';
import { splitCsvLine } from './csv.js';

/** Input formats `filter` reads. */
export type InputFormat = 'txt' | 'csv' | 'jsonl' | 'parquet';

/** One input record: a URL to check, or the reason it could not be read. */
export interface InputRecord {
  /** 0-based number of the record among the data records (the resume position). */
  index: number;
  /** 1-based line (txt, csv, jsonl; the csv header is line 1) or row (parquet). */
  line: number;
  url?: string;
  error?: string;
  /** What the outputs copy: the original line, or the row as a JSON-safe object. */
  raw?: string;
  row?: Record<string, unknown>;
}

/** What to read and how to find the URL in it. */
export interface InputOptions {
  format?: InputFormat;
  /** Column (csv, parquet) or property (jsonl) holding the URL. Default `url`. */
  urlColumn?: string;
  /** Skip the records before this index (resuming); they are not parsed. */
  from?: number;
}

/** The format named by a file's extension (`.gz` is not supported: pipe through `zcat`). */
export function detectFormat(path: string): InputFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return 'txt';
}

const HTTP_URL = /^https?:\/\/[^/?#\s@]+(?:[/?#]\S*)?$/i;

/** Why a string is not a URL filter can check, or undefined when it is one. */
export function urlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'no URL';
  if (!HTTP_URL.test(value)) return `not an absolute http(s) URL: ${JSON.stringify(value.slice(0, 200))}`;
  return undefined;
}

/** The lines of a text file, a read chunk at a time (one promise per 64 KiB, not per line). */
async function* lineBatches(path: string): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    yield parts;
  }
  if (rest) yield [rest];
}

/** Stream the records of an input file, one at a time, in file order. */
export async function* readInput(path: string, options: InputOptions = {}): AsyncGenerator<InputRecord> {
  for await (const batch of readInputBatches(path, options)) yield* batch;
}

/** `readInput` in batches (records in file order): cheaper when millions of records are read. */
export async function* readInputBatches(
  path: string,
  options: InputOptions = {},
): AsyncGenerator<InputRecord[]> {
  const format = options.format ?? detectFormat(path);
  const column = options.urlColumn ?? 'url';
  const from = options.from ?? 0;
  if (format === 'parquet') {
    yield* parquetBatches(path, column, from);
    return;
  }
  let line = 0;
  let index = 0;
  let header: string[] | undefined;
  let urlAt = -1;
  for await (const texts of lineBatches(path)) {
    const batch: InputRecord[] = [];
    for (const raw of texts) {
      line++;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (format === 'csv' && !header) {
        header = splitCsvLine(text.replace(/^\uFEFF/, '')) ?? [];
        urlAt = header.indexOf(column);
        if (urlAt < 0) {
          throw new OptoutError(
            'OPTOUT_ERR_INVALID_ARG',
            `${path}:1: no column "${column}" in the CSV header`,
          );
        }
        continue;
      }
      if (text.trim() === '' || (format === 'txt' && text.startsWith('#'))) continue;
      if (index < from) {
        index++;
        continue;
      }
      const record: InputRecord = { index: index++, line, raw: text };
      const found =
        format === 'csv' ? csvUrl(text, urlAt) : format === 'jsonl' ? jsonUrl(text, column) : txtUrl(text);
      if (found.error) record.error = found.error;
      else record.url = found.url;
      batch.push(record);
    }
    if (batch.length) yield batch;
  }
}

/** The CSV header line of a file, to repeat at the top of each output. */
export async function csvHeader(path: string): Promise<string | undefined> {
  for await (const texts of lineBatches(path)) {
    if (texts.length) return texts[0]!.replace(/\r$/, '').replace(/^\uFEFF/, '');
  }
  return undefined;
}

type Found = { url?: string; error?: string };

function checked(url: unknown): Found {
  const problem = urlProblem(url);
  return problem ? { error: problem } : { url: url as string };
}

function txtUrl(text: string): Found {
  return checked(text.trim());
}

function csvUrl(text: string, at: number): Found {
  const fields = splitCsvLine(text);
  if (!fields) return { error: 'malformed CSV: unterminated or misplaced quote' };
  if (fields.length <= at)
    return { error: `malformed CSV: ${fields.length} fields, the URL column is field ${at + 1}` };
  return checked(fields[at]);
}

function jsonUrl(text: string, key: string): Found {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `malformed JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'malformed JSONL: the line is not a JSON object' };
  }
  return checked((value as Record<string, unknown>)[key]);
}

async function* parquetBatches(path: string, column: string, from: number): AsyncGenerator<InputRecord[]> {
  let index = from;
  let batch: InputRecord[] = [];
  // Loaded only for Parquet input: a text run need not load or hold the Parquet libraries.
  const { readParquetRows } = await import('./parquet.js');
  for await (const row of readParquetRows(path, from)) {
    if (index === from && !(column in row)) {
      throw new OptoutError('OPTOUT_ERR_INVALID_ARG', `${path}: no column "${column}" in the Parquet schema`);
    }
    const found = checked(row[column]);
    const record: InputRecord = { index, line: index + 1, row };
    index++;
    if (found.error) record.error = found.error;
    else record.url = found.url;
    batch.push(record);
    if (batch.length === 1024) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
