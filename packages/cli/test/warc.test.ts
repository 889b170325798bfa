import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import { warcCommand } from '../src/lib/commands/warc.js';
import { captureIo, tempDir } from './io.js';

const tmp = tempDir();

interface Spec {
  type: 'response' | 'request' | 'warcinfo';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  status?: string;
}

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

/** Write a WARC with warcio's own writer: one gzip member per record, or plain. */
async function writeWarc(name: string, version: 'WARC/1.0' | 'WARC/1.1', gzip: boolean, specs: Spec[]) {
  const parts: Uint8Array[] = [];
  for (const spec of specs) {
    const record =
      spec.type === 'warcinfo'
        ? WARCRecord.createWARCInfo({ filename: name, warcVersion: version }, { software: 'optout-test' })
        : WARCRecord.create(
            {
              url: spec.url,
              type: spec.type,
              warcVersion: version,
              httpHeaders: spec.headers ?? {},
              statusline:
                spec.status ??
                (spec.type === 'request' ? `GET ${new URL(spec.url).pathname} HTTP/1.1` : 'HTTP/1.1 200 OK'),
            },
            bytes(spec.body ?? ''),
          );
    parts.push(await WARCSerializer.serialize(record, { gzip }));
  }
  const path = join(tmp.dir, name);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

// An SVG carrying an XMP packet with IPTC PLUS Data Mining "prohibited for AI/ML training".
const svgWithXmp = `<svg xmlns="http://www.w3.org/2000/svg"><metadata><?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"
 plus:DataMining="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"/>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?></metadata></svg>`;
const html = (head: string) => `<!doctype html><html><head>${head}</head><body>text</body></html>`;
const HTML = { 'content-type': 'text/html; charset=utf-8' };
let fileA: string;
let fileB: string;

beforeAll(async () => {
  fileA = await writeWarc('a.warc.gz', 'WARC/1.1', true, [
    { type: 'warcinfo', url: '' },
    {
      type: 'response',
      url: 'http://a.test/robots.txt',
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /private/\n',
    },
    {
      type: 'response',
      url: 'http://a.test/.well-known/tdmrep.json',
      headers: { 'content-type': 'application/json' },
      body: '[{"location": "/reserved/*", "tdm-reservation": 1}]',
    },
    { type: 'request', url: 'http://a.test/ok', headers: { host: 'a.test' } },
    { type: 'response', url: 'http://a.test/ok', headers: HTML, body: html('') },
    { type: 'request', url: 'http://a.test/private/x', headers: { host: 'a.test' } },
    { type: 'response', url: 'http://a.test/private/x', headers: HTML, body: html('') },
    { type: 'response', url: 'http://a.test/reserved/doc', headers: HTML, body: html('') },
    {
      type: 'response',
      url: 'http://a.test/noai',
      headers: { ...HTML, 'x-robots-tag': 'noai' },
      body: html(''),
    },
    {
      type: 'response',
      url: 'http://a.test/meta',
      headers: HTML,
      body: html('<meta name="tdm-reservation" content="1">'),
    },
  ]);
  fileB = await writeWarc('b.warc', 'WARC/1.0', false, [
    { type: 'response', url: 'http://b.test/page', headers: HTML, body: html('') },
    {
      type: 'response',
      url: 'http://b.test/img.png',
      headers: { 'content-type': 'image/png', 'content-usage': 'train-ai=n' },
      body: 'PNG',
    },
    {
      type: 'response',
      url: 'http://b.test/logo.svg',
      headers: { 'content-type': 'image/svg+xml' },
      body: svgWithXmp,
    },
  ]);
});

async function uris(path: string) {
  const out: string[] = [];
  for await (const record of new WARCParser(createReadStream(path))) {
    out.push(`${record.warcType} ${record.warcTargetURI ?? ''}`.trim());
    await record.skipFully();
  }
  return out;
}

describe('optout warc', () => {
  test('decides each captured response offline from its headers, HTML and the origin files in the WARC', async () => {
    const { io, out } = captureIo(tmp.dir);
    const code = await warcCommand.run(
      [
        fileA,
        fileB,
        '--agent',
        'TestBot',
        '--purpose',
        'train-ai',
        '--decisions',
        'd.jsonl',
        '--out',
        'kept.warc.gz',
      ],
      io,
    );
    expect(code).toBe(0);
    const decisions = readFileSync(join(tmp.dir, 'd.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const verdict = Object.fromEntries(
      decisions.map((d) => [
        d.url,
        [d.allowed, d.statements[0]?.role === 'deciding' ? d.statements[0].source : 'default'],
      ]),
    );
    expect(verdict).toEqual({
      'http://a.test/ok': [true, 'default'],
      'http://a.test/private/x': [false, 'robots'],
      'http://a.test/reserved/doc': [false, 'tdmrep.file'],
      'http://a.test/noai': [false, 'x-robots-tag'],
      'http://a.test/meta': [false, 'tdmrep.html'],
      'http://b.test/page': [true, 'default'],
      'http://b.test/img.png': [false, 'content-usage'],
      'http://b.test/logo.svg': [false, 'iptc'],
    });
    expect(out()).toContain('8 records checked for TestBot / train-ai: 2 kept, 6 excluded');
  });

  test('the filtered WARC keeps warcinfo, origin files, allowed responses and their requests only', async () => {
    const { io } = captureIo(tmp.dir);
    await warcCommand.run([fileA, fileB, '--agent', 'TestBot', '--out', 'kept2.warc.gz'], io);
    expect(await uris(join(tmp.dir, 'kept2.warc.gz'))).toEqual([
      'warcinfo',
      'response http://a.test/robots.txt',
      'response http://a.test/.well-known/tdmrep.json',
      'request http://a.test/ok',
      'response http://a.test/ok',
      'response http://b.test/page',
    ]);
  });

  test('--online merges the live origin policy (here a robots.txt the WARC did not capture)', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(200).end('User-agent: *\nDisallow: /closed/\n');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const file = await writeWarc('live.warc.gz', 'WARC/1.1', true, [
        { type: 'response', url: `http://live.test:${port}/open/a`, headers: HTML, body: html('') },
        { type: 'response', url: `http://live.test:${port}/closed/b`, headers: HTML, body: html('') },
      ]);
      const { io, out } = captureIo(tmp.dir);
      const args = [
        file,
        '--agent',
        'TestBot',
        '--online',
        '--resolve',
        `live.test:${port}:127.0.0.1`,
        '--decisions',
        'live.jsonl',
      ];
      expect(await warcCommand.run(args, io)).toBe(0);
      expect(out()).toContain('2 records checked for TestBot / train-ai: 1 kept, 1 excluded');
      const decisions = readFileSync(join(tmp.dir, 'live.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(decisions[1].statements[0]).toMatchObject({
        role: 'deciding',
        source: 'robots',
        evidence: { raw: 'Disallow: /closed/' },
      });
    } finally {
      server.close();
    }
  });

  test('a missing WARC file is a usage error (exit 2)', async () => {
    const { io, err } = captureIo(tmp.dir);
    const { main } = await import('../src/index.js');
    expect(await main(['warc', 'nope.warc.gz', '--agent', 'TestBot'], io)).toBe(2);
    expect(err()).toContain('nope.warc.gz');
  });
});
