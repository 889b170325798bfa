import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Decision, decide, type Statement } from '@optout/core';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, test } from 'vitest';
import { splitCsvLine } from '../src/lib/filter/csv.js';
import { readInput } from '../src/lib/filter/input.js';
import { journalPath, readCheckpoint } from '../src/lib/filter/journal.js';
import { readParquetRows } from '../src/lib/filter/parquet.js';
import { Progress } from '../src/lib/filter/progress.js';
import { runFilter } from '../src/lib/filter/run.js';
import { summaryMarkdown } from '../src/lib/filter/summary.js';
import { tempDir } from './io.js';

const tmp = tempDir();

// A stand-in for the gate: URLs under /private/ are disallowed by a robots line.
const robotsLine: Statement = {
  category: 'crawl',
  value: 'disallow',
  source: 'robots',
  scope: {},
  evidence: { raw: 'Disallow: /private/', line: 2, retrievedAt: '2026-01-02T03:04:05.000Z' },
};
function check(url: string): Promise<Decision> {
  const statements = url.includes('/private/') ? [robotsLine] : [];
  return Promise.resolve(decide({ url, agent: 'TestBot', purpose: 'train-ai', statements }));
}

async function collect(path: string) {
  const out = [];
  for await (const record of readInput(path)) out.push(record);
  return out;
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('filter input readers', () => {
  test('csv: quoted fields with "" escapes split per RFC 4180', () => {
    expect(splitCsvLine('a,"b,c","say ""hi""",')).toEqual(['a', 'b,c', 'say "hi"', '']);
    expect(splitCsvLine('"unterminated,x')).toBeUndefined();
  });

  test('txt: blank lines and # comments skipped; a non-URL line is an error with its line number', async () => {
    const file = join(
      tmp.dir,
      tmp.write('in.txt', '# list\nhttp://a.test/1\n\nnot a url\nhttps://b.test/\n'),
    );
    const records = await collect(file);
    expect(records.map((r) => [r.index, r.line, r.url ?? r.error?.slice(0, 25)])).toEqual([
      [0, 2, 'http://a.test/1'],
      [1, 4, 'not an absolute http(s) U'],
      [2, 5, 'https://b.test/'],
    ]);
  });

  test('csv: the URL column is found by header name; short rows and broken quotes are errors', async () => {
    const file = join(
      tmp.dir,
      tmp.write('in.csv', 'id,link\n1,http://a.test/\n2\n3,"http://b.test/\n4,"http://c.test/"\n'),
    );
    const records: Array<{ line: number; url?: string; error?: string }> = [];
    for await (const r of readInput(file, { urlColumn: 'link' })) records.push(r);
    expect(records.map((r) => [r.line, r.url ?? r.error?.split(':')[0]])).toEqual([
      [2, 'http://a.test/'],
      [3, 'malformed CSV'],
      [4, 'malformed CSV'],
      [5, 'http://c.test/'],
    ]);
  });

  test('jsonl: malformed JSON is an error naming the line', async () => {
    const file = join(tmp.dir, tmp.write('in.jsonl', '{"url":"http://a.test/"}\n{"url": oops}\n[1]\n'));
    const records = await collect(file);
    expect(records[0]!.url).toBe('http://a.test/');
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringMatching(/^malformed JSON/) });
    expect(records[2]).toMatchObject({ line: 3, error: expect.stringMatching(/not a JSON object/) });
  });

  test('parquet: rows are read group by group and resumable from any row', async () => {
    const path = join(tmp.dir, 'in.parquet');
    const urls = Array.from({ length: 25 }, (_, i) => `http://p${i % 3}.test/${i}`);
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'url', data: urls, type: 'STRING' },
        { name: 'n', data: urls.map((_, i) => i), type: 'INT32' },
      ],
      rowGroupSize: 10,
    });
    const all: unknown[] = [];
    for await (const row of readParquetRows(path)) all.push(row.url);
    expect(all).toEqual(urls);
    const tail: unknown[] = [];
    for await (const record of readInput(path, { from: 17 })) tail.push([record.index, record.url]);
    expect(tail).toEqual(urls.slice(17).map((url, i) => [17 + i, url]));
  });
});

describe('filter run', () => {
  test('splits records into allowed and rejected, one decision per URL, in input order', async () => {
    const input = join(
      tmp.dir,
      tmp.write('run1.txt', 'http://a.test/x\nhttp://a.test/private/y\nbad\nhttp://b.test/\n'),
    );
    const out = join(tmp.dir, 'run1.allowed.txt');
    const rejected = join(tmp.dir, 'run1.rejected.txt');
    const decisions = join(tmp.dir, 'run1.decisions.jsonl');
    const errors: string[] = [];
    const result = await runFilter({
      input,
      out,
      rejected,
      decisions,
      agent: 'TestBot',
      purpose: 'train-ai',
      check,
      onInputError: (m) => errors.push(m),
    });
    expect(lines(out)).toEqual(['http://a.test/x', 'http://b.test/']);
    expect(lines(rejected)).toEqual(['http://a.test/private/y']);
    expect(lines(decisions).map((l) => JSON.parse(l).url)).toEqual([
      'http://a.test/x',
      'http://a.test/private/y',
      'http://b.test/',
    ]);
    expect(errors).toEqual([`${input}:3: not an absolute http(s) URL: "bad"`]);
    expect(result.summary).toMatchObject({ total: 3, kept: 2, excluded: 1, inputErrors: 1 });
    expect(result.summary.excludedBySignal).toEqual({ robots: 1 });
    expect(summaryMarkdown(result.summary)).toContain('| robots | 1 | 33.3% |');
    expect(summaryMarkdown(result.summary)).toContain('2026-01-02T03:04:05.000Z');
  });

  test('csv outputs keep the header and the original lines', async () => {
    const input = join(
      tmp.dir,
      tmp.write('run2.csv', 'url,title\nhttp://a.test/private/1,"a, b"\nhttp://a.test/2,c\n'),
    );
    const out = join(tmp.dir, 'run2.allowed.csv');
    const rejected = join(tmp.dir, 'run2.rejected.csv');
    await runFilter({ input, out, rejected, agent: 'TestBot', purpose: 'train-ai', check });
    expect(lines(out)).toEqual(['url,title', 'http://a.test/2,c']);
    expect(lines(rejected)).toEqual(['url,title', 'http://a.test/private/1,"a, b"']);
  });

  test('a .parquet output is written as Parquet', async () => {
    const input = join(
      tmp.dir,
      tmp.write('run3.jsonl', '{"url":"http://a.test/1","k":1}\n{"url":"http://a.test/private/2","k":2}\n'),
    );
    const out = join(tmp.dir, 'run3.allowed.parquet');
    await runFilter({ input, out, agent: 'TestBot', purpose: 'train-ai', check });
    const rows = [];
    for await (const row of readParquetRows(out)) rows.push(row);
    expect(rows).toEqual([{ url: 'http://a.test/1', k: 1 }]);
  });

  test('resume: records written past the last checkpoint are cut off and each URL ends up exactly once', async () => {
    const urls = Array.from(
      { length: 500 },
      (_, i) => `http://o${i % 7}.test/${i % 5 === 0 ? 'private/' : ''}${i}`,
    );
    const input = join(tmp.dir, tmp.write('run4.txt', urls.join('\n') + '\n'));
    const out = join(tmp.dir, 'run4.allowed.txt');
    const rejected = join(tmp.dir, 'run4.rejected.txt');
    const decisions = join(tmp.dir, 'run4.decisions.jsonl');
    const controller = new AbortController();
    let seen = 0;
    const stopping = (url: string) => {
      if (++seen === 200) controller.abort();
      return check(url);
    };
    const base = {
      input,
      out,
      rejected,
      decisions,
      agent: 'TestBot',
      purpose: 'train-ai' as const,
      window: 16,
    };
    const first = await runFilter({ ...base, check: stopping, signal: controller.signal, checkpointMs: 0 });
    expect(first.interrupted).toBe(true);
    // Simulate a crash after the checkpoint: output lines the journal does not cover.
    appendFileSync(out, 'http://o1.test/duplicate\n');
    appendFileSync(decisions, '{"torn":');
    const second = await runFilter({ ...base, check, resume: true });
    expect(second.interrupted).toBe(false);
    const written = [...lines(out), ...lines(rejected)].sort();
    expect(written).toEqual([...urls].sort());
    expect(lines(decisions).map((l) => JSON.parse(l).url)).toEqual(urls);
    expect(second.summary).toMatchObject({ total: 500, excluded: 100, kept: 400 });
    expect(readCheckpoint(journalPath(out))?.done).toBe(true);
    const third = await runFilter({ ...base, check, resume: true });
    expect(third.alreadyDone).toBe(true);
  });

  test('resume refuses a changed input file', async () => {
    const input = join(tmp.dir, tmp.write('run5.txt', 'http://a.test/1\n'));
    const out = join(tmp.dir, 'run5.allowed.txt');
    await runFilter({ input, out, agent: 'TestBot', purpose: 'train-ai', check });
    writeFileSync(input, 'http://a.test/1\nhttp://a.test/2\n');
    await expect(
      runFilter({ input, out, agent: 'TestBot', purpose: 'train-ai', check, resume: true }),
    ).rejects.toThrow(/changed since the interrupted run/);
  });

  test('a check that throws fails closed: the URL is rejected with the error in its decision', async () => {
    const input = join(tmp.dir, tmp.write('run6.txt', 'http://a.test/1\n'));
    const out = join(tmp.dir, 'run6.allowed.txt');
    const rejected = join(tmp.dir, 'run6.rejected.txt');
    const decisions = join(tmp.dir, 'run6.decisions.jsonl');
    const boom = () => Promise.reject(new Error('store broke'));
    await runFilter({ input, out, rejected, decisions, agent: 'TestBot', purpose: 'train-ai', check: boom });
    expect(lines(rejected)).toEqual(['http://a.test/1']);
    expect(JSON.parse(lines(decisions)[0]!)).toMatchObject({
      allowed: false,
      errors: [{ message: 'store broke' }],
    });
  });

  test('origins in flight are bounded; URLs of an origin already waiting join it; order is kept', async () => {
    // Two URLs per origin, back to back, over 12 origins; each check settles a few ticks later.
    const urls: string[] = [];
    for (let site = 0; site < 12; site++) urls.push(`http://s${site}.test/a`, `http://s${site}.test/b`);
    const input = join(tmp.dir, tmp.write('run7.txt', urls.join('\n') + '\n'));
    const out = join(tmp.dir, 'run7.allowed.txt');
    const open = new Map<string, number>();
    let most = 0;
    const slow = async (url: string) => {
      const origin = new URL(url).origin;
      open.set(origin, (open.get(origin) ?? 0) + 1);
      most = Math.max(most, open.size);
      for (let tick = 0; tick < 5; tick++) await new Promise((resolve) => setImmediate(resolve));
      const left = open.get(origin)! - 1;
      if (left) open.set(origin, left);
      else open.delete(origin);
      return check(url);
    };
    await runFilter({ input, out, agent: 'TestBot', purpose: 'train-ai', check: slow, originsInFlight: 4 });
    // Four origins at once, not four URLs (which would be two origins), nor all twelve.
    expect(most).toBe(4);
    expect(lines(out)).toEqual(urls);
  });

  test('cached records behind a slow origin wait within the window instead of piling up', async () => {
    // The first URL's origin is slow; every later URL is answered by peek at once.
    const urls = Array.from({ length: 200 }, (_, i) => `http://s${i === 0 ? 'slow' : 'fast'}.test/${i}`);
    const input = join(tmp.dir, tmp.write('run8.txt', urls.join('\n') + '\n'));
    const out = join(tmp.dir, 'run8.allowed.txt');
    let settled = false;
    let peekedBefore = 0;
    const slow = async (url: string) => {
      for (let tick = 0; tick < 20; tick++) await new Promise((resolve) => setImmediate(resolve));
      settled = true;
      return check(url);
    };
    const peek = (url: string) => {
      if (url.includes('slow')) return undefined;
      if (!settled) peekedBefore++;
      return decide({ url, agent: 'TestBot', purpose: 'train-ai', statements: [] });
    };
    await runFilter({ input, out, agent: 'TestBot', purpose: 'train-ai', check: slow, peek, window: 8 });
    expect(peekedBefore).toBeLessThanOrEqual(8);
    expect(lines(out)).toEqual(urls);
  });
});

describe('filter progress', () => {
  test('on a terminal: one redrawn line with a bar, counts, rate and ETA', () => {
    let written = '';
    const progress = new Progress({ write: (t: string) => (written += t), isTTY: true, columns: 200 });
    progress.finish({ done: 50, kept: 40, excluded: 10, errors: 0, total: 100 });
    expect(written).toMatch(
      /^\r\x1b\[2K\[#{12}\.{12}\] 50 \/ ~100 URLs \| kept 40 \| excluded 10 \| errors 0 \| [\d,]+\/s \| ETA \d+m\d\ds\n$/,
    );
  });

  test('not a terminal: plain "progress:" lines, no control characters', () => {
    let written = '';
    const progress = new Progress({ write: (t: string) => (written += t), isTTY: false });
    progress.finish({ done: 3, kept: 2, excluded: 1, errors: 0 });
    expect(written).toMatch(
      /^progress: 3 URLs \| kept 2 \| excluded 1 \| errors 0 \| [\d,]+\/s \| ETA \?\n$/,
    );
  });
});
