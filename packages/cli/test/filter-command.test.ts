import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { filterCommand } from '../src/lib/commands/filter.js';
import { originFiles } from '../src/lib/filter/gate.js';
import { readParquetRows } from '../src/lib/filter/parquet.js';
import { captureIo, tempDir } from './io.js';

const tmp = tempDir();
const hits = new Map<string, number>();
let server: Server;
let origin: string;
let port: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    if (req.url === '/robots.txt')
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    else if (req.url === '/.well-known/tdmrep.json')
      res.writeHead(200).end('[{"location": "/reserved/*", "tdm-reservation": 1}]');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = String((server.address() as AddressInfo).port);
  origin = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const read = (name: string) => readFileSync(join(tmp.dir, name), 'utf8').split('\n').filter(Boolean);

async function run(args: string[]) {
  const { io, out, err } = captureIo(tmp.dir);
  const code = await filterCommand.run(args, io);
  return { code, out: out(), err: err() };
}

describe('optout filter command', () => {
  test('csv with --url-column: allowed and rejected keep the header; decisions name the deciding signal', async () => {
    tmp.write('in.csv', `id,link\n1,${origin}/a\n2,${origin}/private/b\n3,${origin}/reserved/c\n`);
    const r = await run([
      'in.csv',
      '--agent',
      'TestBot',
      '--url-column',
      'link',
      '--out',
      'ok.csv',
      '--rejected',
      'no.csv',
      '--decisions',
      'd.jsonl',
    ]);
    expect(r.code).toBe(0);
    expect(read('ok.csv')).toEqual(['id,link', `1,${origin}/a`]);
    expect(read('no.csv')).toEqual(['id,link', `2,${origin}/private/b`, `3,${origin}/reserved/c`]);
    const deciding = (line: string) =>
      JSON.parse(line).statements.find((s: { role: string }) => s.role === 'deciding')?.source;
    expect(read('d.jsonl').map(deciding)).toEqual([undefined, 'robots', 'tdmrep.file']);
    const summary = JSON.parse(readFileSync(join(tmp.dir, 'ok.csv.summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      total: 3,
      kept: 1,
      excluded: 2,
      excludedBySignal: { robots: 1, 'tdmrep.file': 1 },
    });
    expect(readFileSync(join(tmp.dir, 'ok.csv.summary.md'), 'utf8')).toContain(
      'Agent (product token) used: `TestBot`',
    );
  });

  test('--files robots: only robots.txt is requested, so the tdmrep.json reservation does not apply', async () => {
    tmp.write('files.txt', `${origin}/a\n${origin}/private/b\n${origin}/reserved/c\n`);
    const before = new Map(hits);
    const delta = (path: string) => (hits.get(path) ?? 0) - (before.get(path) ?? 0);
    const r = await run(['files.txt', '--agent', 'TestBot', '--out', 'files.ok.txt', '--files', 'robots']);
    expect(r.code).toBe(0);
    expect(read('files.ok.txt')).toEqual([`${origin}/a`, `${origin}/reserved/c`]);
    expect([delta('/robots.txt'), delta('/.well-known/tdmrep.json'), delta('/ai.txt')]).toEqual([1, 0, 0]);
  });

  test('--files: each named file is read, the others not; robots.txt always', () => {
    expect(originFiles('robots')).toEqual({ tdmrep: false, aitxt: false, rsl: false });
    expect(originFiles('robots, rsl,tdmrep')).toEqual({ tdmrep: true, aitxt: false, rsl: true });
    expect(originFiles(undefined)).toBeUndefined();
  });

  test('--files with an unknown file name is a usage error naming it', async () => {
    tmp.write('bad.txt', `${origin}/a\n`);
    await expect(
      run(['bad.txt', '--agent', 'TestBot', '--out', 'bad.ok.txt', '--files', 'robots,sitemap']),
    ).rejects.toThrow(/--files .*'sitemap'/);
  });

  test('parquet in, parquet out', async () => {
    parquetWriteFile({
      filename: join(tmp.dir, 'in.parquet'),
      columnData: [
        { name: 'url', data: [`${origin}/x`, `${origin}/private/y`, `${origin}/z`], type: 'STRING' },
      ],
    });
    const r = await run(['in.parquet', '--agent', 'TestBot', '--out', 'ok.parquet']);
    expect(r.code).toBe(0);
    const rows: unknown[] = [];
    for await (const row of readParquetRows(join(tmp.dir, 'ok.parquet'))) rows.push(row.url);
    expect(rows).toEqual([`${origin}/x`, `${origin}/z`]);
  });

  test('--cache: a second run reads the origin policy from the SQLite file instead of fetching again', async () => {
    tmp.write('cached.txt', `http://cache.test:${port}/1\nhttp://cache.test:${port}/private/2\n`);
    const args = [
      'cached.txt',
      '--agent',
      'TestBot',
      '--cache',
      'policies.db',
      '--resolve',
      `cache.test:${port}:127.0.0.1`,
    ];
    const before = hits.get('/robots.txt') ?? 0;
    expect((await run([...args, '--out', 'c1.txt'])).code).toBe(0);
    const afterFirst = hits.get('/robots.txt') ?? 0;
    expect(afterFirst).toBe(before + 1);
    expect((await run([...args, '--out', 'c2.txt'])).code).toBe(0);
    expect(hits.get('/robots.txt')).toBe(afterFirst);
    expect(read('c2.txt')).toEqual([`http://cache.test:${port}/1`]);
  });

  test('every origin is fetched once however many of its URLs the list holds', async () => {
    const before = hits.get('/robots.txt') ?? 0;
    const urls = Array.from({ length: 300 }, (_, i) => `http://once.test:${port}/p${i}`);
    tmp.write('once.txt', urls.join('\n'));
    const r = await run([
      'once.txt',
      '--agent',
      'TestBot',
      '--out',
      'once.out',
      '--resolve',
      `once.test:${port}:127.0.0.1`,
    ]);
    expect(r.code).toBe(0);
    expect(hits.get('/robots.txt')).toBe(before + 1);
    expect(read('once.out')).toHaveLength(300);
  });

  test('missing --agent or --out is a usage error; an unknown --purpose names the choices', async () => {
    tmp.write('u.txt', `${origin}/\n`);
    await expect(run(['u.txt', '--out', 'x'])).rejects.toThrow('--agent <token> is required');
    await expect(run(['u.txt', '--agent', 'A'])).rejects.toThrow('--out <file> is required');
    await expect(run(['u.txt', '--agent', 'A', '--out', 'x', '--purpose', 'eat'])).rejects.toThrow(
      /--purpose must be one of crawl/,
    );
  });
});
