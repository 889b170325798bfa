import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DecisionSchema } from '@optout/core/schema';
import { describe, expect, test } from 'vitest';
import { main } from '../src/index.js';
import { built, captureIo, runBin, tempDir } from './io.js';

// Authored inputs, written the way rights holders write them.
const site = tempDir();
site.write(
  'robots.txt',
  ['User-agent: GPTBot', 'Disallow: /', '', 'User-agent: *', 'Disallow: /private/', ''].join('\n'),
);
site.write('open-robots.txt', 'User-agent: *\nAllow: /\n');
site.write('ai.txt', 'User-Agent: *\nDisallow: /\n');
site.write('tdmrep.json', JSON.stringify([{ location: '/', 'tdm-reservation': 1 }]));
site.write(
  'reserved-headers.txt',
  'HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntdm-reservation: 1\r\n\r\n',
);
site.write('usage-allow-headers.txt', 'HTTP/2 200\ncontent-usage: train-ai=y\n\n');
site.write(
  'meta-0.html',
  '<!doctype html><html><head><meta name="tdm-reservation" content="0"></head><body></body></html>',
);
site.write('noai.html', '<html><head><meta name="robots" content="noai"></head></html>');

/** A command line written as one string (no argument here contains a space). */
const words = (line: string) => line.split(' ');

// tdmrep.json reserves (1), the page's meta says 0.
const TDM_FILE_1_META_0 = words(
  'https://example.com/a --agent MyBot --purpose tdm --tdmrep tdmrep.json --html meta-0.html',
);

async function check(args: string[]) {
  const { io, out, err } = captureIo(site.dir);
  const code = await main(['check', ...args], io);
  return { code, out: out(), err: err() };
}

async function decision(args: string[]) {
  const result = await check([...args, '--json']);
  return { code: result.code, decision: DecisionSchema.parse(JSON.parse(result.out)) };
}

describe('optout check: robots.txt (issue 2 §5)', () => {
  test('exit 1 when the named group disallows the URL, and the human output shows the deciding line', async () => {
    const result = await check(
      words('https://example.com/a --agent GPTBot --purpose crawl --robots robots.txt'),
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^DISALLOWED/);
    expect(result.out).toContain('robots.txt:2');
    expect(result.out).toContain('Disallow: /');
  });

  test('exit 0 for an agent the file does not restrict at this URL', async () => {
    const result = await check(
      words('https://example.com/a --agent MyBot --purpose crawl --robots robots.txt'),
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ALLOWED/);
  });

  test('the * group applies to other agents: /private/ is disallowed for MyBot, with line 5', async () => {
    const { code, decision: d } = await decision(
      words('https://example.com/private/x --agent MyBot --purpose crawl --robots robots.txt'),
    );
    expect(code).toBe(1);
    expect(d.status).toBe('disallowed');
    expect(d.statements[0]).toMatchObject({
      role: 'deciding',
      source: 'robots',
      category: 'crawl',
      value: 'disallow',
    });
    expect(d.statements[0]!.evidence).toMatchObject({
      url: 'robots.txt',
      line: 5,
      raw: 'Disallow: /private/',
    });
  });

  test('--json prints a Decision that matches the public schema, for the requested agent and purpose', async () => {
    const { decision: d } = await decision(words('https://example.com/a --agent GPTBot --robots robots.txt'));
    expect(d).toMatchObject({ url: 'https://example.com/a', agent: 'GPTBot', purpose: 'train-ai' });
  });

  test('a crawl disallow for the caller disallows training too (default purpose train-ai)', async () => {
    const { code, decision: d } = await decision(
      words('https://example.com/a --agent GPTBot --robots robots.txt'),
    );
    expect(code).toBe(1);
    expect(d.statements.filter((s) => s.role === 'deciding').map((s) => s.category)).toContain('crawl');
  });
});

describe('optout check: every source combined (issue 3 "Offline evaluation in the CLI")', () => {
  test('most restrictive wins across signals: ai.txt Disallow beats a Content-Usage train-ai=y header, which is shown as overridden', async () => {
    const result = await check(
      words(
        'https://example.com/a --agent MyBot --robots open-robots.txt --ai-txt ai.txt --headers usage-allow-headers.txt',
      ),
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Decided by:\n {2}aitxt: train-ai disallow/);
    expect(result.out).toMatch(/Overridden:\n {2}content-usage: train-ai allow/);
    expect(result.out).toContain('usage-allow-headers.txt');
    const { decision: d } = await decision(
      words('https://example.com/a --agent MyBot --ai-txt ai.txt --headers usage-allow-headers.txt'),
    );
    expect(d.statements.find((s) => s.role === 'overridden')).toMatchObject({
      source: 'content-usage',
      value: 'allow',
    });
  });

  test('TDMRep §1.6 spec mode: HTML meta 0 supersedes the file rule 1, so tdm is not reserved', async () => {
    const { code, decision: d } = await decision(TDM_FILE_1_META_0);
    expect(code).toBe(0);
    expect(d.status).toBe('allowed');
    const fromFile = d.statements.find((s) => s.source === 'tdmrep.file');
    expect(fromFile?.supersededBy).toBeDefined();
    expect(fromFile?.evidence.url).toBe('tdmrep.json');
  });

  test('TDMRep conservative mode: any 1 seen wins', async () => {
    const { code, decision: d } = await decision([...TDM_FILE_1_META_0, '--tdmrep-mode', 'conservative']);
    expect(code).toBe(1);
    expect(d.status).toBe('disallowed');
  });

  test('a tdm-reservation: 1 header reserves train-ai through category inheritance (via tdm)', async () => {
    const { code, decision: d } = await decision(
      words('https://example.com/a --agent MyBot --headers reserved-headers.txt'),
    );
    expect(code).toBe(1);
    expect(d.statements[0]).toMatchObject({ source: 'tdmrep.header', role: 'deciding', via: 'tdm' });
    expect(d.statements[0]!.evidence.url).toBe('reserved-headers.txt');
  });

  test('meta robots noai in --html disallows train-ai', async () => {
    const { code, decision: d } = await decision(
      words('https://example.com/a --agent MyBot --html noai.html'),
    );
    expect(code).toBe(1);
    expect(d.statements[0]).toMatchObject({ source: 'meta-robots', category: 'train-ai', value: 'disallow' });
  });

  test('unknown becomes what --default says, and the decision records it', async () => {
    const allow = await decision(words('https://example.com/a --agent MyBot --robots open-robots.txt'));
    expect(allow.code).toBe(0);
    expect(allow.decision).toMatchObject({ status: 'unknown', allowed: true, defaultApplied: 'allow' });
    const deny = await decision(
      words('https://example.com/a --agent MyBot --robots open-robots.txt --default disallow'),
    );
    expect(deny.code).toBe(1);
    expect(deny.decision).toMatchObject({ status: 'unknown', allowed: false, defaultApplied: 'disallow' });
  });
});

describe('optout check --media: the work itself', () => {
  const jpeg = fileURLToPath(new URL('./fixtures/c2pa/tdm-cawg-constrained.jpg', import.meta.url));

  test('a C2PA training-mining assertion in the work decides, beside the origin files', async () => {
    const { code, decision: d } = await decision([
      'https://example.com/a.jpg',
      '--agent',
      'MyBot',
      '--robots',
      'open-robots.txt',
      '--media',
      jpeg,
    ]);
    expect(code).toBe(1);
    expect(d.statements[0]).toMatchObject({
      source: 'c2pa',
      category: 'train-ai',
      value: 'disallow',
      label: 'constrained',
    });
    expect(d.statements[0]!.evidence.url).toBe(jpeg);
  });

  test('its allowed entries allow: tdm (data_mining allowed) for the same work', async () => {
    const { code, decision: d } = await decision([
      'https://example.com/a.jpg',
      '--agent',
      'MyBot',
      '--purpose',
      'tdm',
      '--media',
      jpeg,
    ]);
    expect(code).toBe(0);
    expect(d.status).toBe('allowed');
  });
});

describe('optout check --media: TDMRep in the work is the last cascade step (SIGNALS.md §1.5, §1.6)', () => {
  // An XMP packet with TDMRep tdm:reservation 0 (namespace with the slash, as in PDF).
  site.write(
    'work-0.xmp',
    [
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
      '<rdf:Description rdf:about="" xmlns:tdm="http://www.w3.org/ns/tdmrep/"><tdm:reservation>0</tdm:reservation>',
      '</rdf:Description></rdf:RDF></x:xmpmeta>',
    ].join('\n'),
  );
  const args = words(
    'https://example.com/a.pdf --agent MyBot --purpose tdm --tdmrep tdmrep.json --media work-0.xmp',
  );

  test('spec: the work says 0, which supersedes the site file 1', async () => {
    const { code, decision: d } = await decision(args);
    expect(code).toBe(0);
    expect(d.statements[0]).toMatchObject({ source: 'tdmrep.xmp', value: 'allow', role: 'deciding' });
    expect(d.statements.find((s) => s.source === 'tdmrep.file')?.supersededBy).toBe('tdmrep.xmp');
  });

  test('conservative: the site file 1 still wins', async () => {
    const { code } = await decision([...args, '--tdmrep-mode', 'conservative']);
    expect(code).toBe(1);
  });
});

describe('optout check --rsl: licence documents a robots.txt License line names (SIGNALS §6)', () => {
  site.write(
    'license.xml',
    [
      '<rsl xmlns="https://rslstandard.org/rsl">',
      '  <content url="/articles/*">',
      '    <license><prohibits type="usage">ai-train</prohibits></license>',
      '  </content>',
      '  <content url="/free/*" server="https://rsl.example/">',
      '    <license><permits type="usage">ai-train</permits></license>',
      '  </content>',
      '</rsl>',
      '',
    ].join('\n'),
  );

  test('the content that governs the URL decides, with the document and line as evidence', async () => {
    const { code, decision: d } = await decision(
      words('https://example.com/articles/1 --agent MyBot --robots open-robots.txt --rsl license.xml'),
    );
    expect(code).toBe(1);
    expect(d.statements.find((s) => s.role === 'deciding')).toMatchObject({
      source: 'rsl',
      category: 'train-ai',
      value: 'disallow',
      evidence: { url: 'license.xml', line: 3, pattern: '/articles/*' },
    });
  });

  test('a permit that needs a licence token is an offer: unknown, and the default applies', async () => {
    const { code, decision: d } = await decision(
      words('https://example.com/free/1 --agent MyBot --rsl license.xml --default disallow'),
    );
    expect(code).toBe(1);
    expect(d.status).toBe('unknown');
    expect(d.defaultApplied).toBe('disallow');
  });
});

describe('optout check: standard input', () => {
  test("'-' reads a source from standard input, named <stdin> in the evidence", async () => {
    const { io, out } = captureIo(site.dir);
    const stdin = new PassThrough();
    io.stdin = stdin;
    stdin.end('HTTP/1.1 200 OK\r\nX-Robots-Tag: noai\r\n\r\n');
    const code = await main(
      ['check', 'https://example.com/a', '--agent', 'MyBot', '--headers', '-', '--json'],
      io,
    );
    expect(code).toBe(1);
    const d = DecisionSchema.parse(JSON.parse(out()));
    expect(d.statements[0]).toMatchObject({ source: 'x-robots-tag', evidence: { url: '<stdin>' } });
  });

  test("'-' twice is a usage error: standard input can be read once", async () => {
    const { io, err } = captureIo(site.dir);
    const stdin = new PassThrough();
    io.stdin = stdin;
    stdin.end('User-agent: *\nDisallow: /\n');
    const args = ['check', 'https://example.com/a', '--agent', 'MyBot', '--robots', '-', '--ai-txt', '-'];
    expect(await main(args, io)).toBe(2);
    expect(err()).toContain("standard input ('-') can be read only once");
  });
});

describe('optout check: usage and input errors exit 2 with a clear message', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'missing file',
      ['https://e.com/', '--agent', 'X', '--robots', 'nope.txt'],
      /--robots: cannot read 'nope.txt': no such file/,
    ],
    [
      'bad purpose',
      ['https://e.com/', '--agent', 'X', '--robots', 'robots.txt', '--purpose', 'fun'],
      /--purpose must be one of crawl, tdm/,
    ],
    ['missing agent', ['https://e.com/', '--robots', 'robots.txt'], /missing --agent/],
    ['no source file', ['https://e.com/', '--agent', 'X'], /at least one source file/],
    ['relative URL', ['/a', '--agent', 'X', '--robots', 'robots.txt'], /not an absolute URL: '\/a'/],
    ['non-http URL', ['ftp://e.com/a', '--agent', 'X', '--robots', 'robots.txt'], /not an http\(s\) URL/],
    [
      'unknown option',
      ['https://e.com/', '--agent', 'X', '--robots', 'robots.txt', '--bogus'],
      /Unknown option '--bogus'/,
    ],
    [
      'bad --default',
      ['https://e.com/', '--agent', 'X', '--robots', 'robots.txt', '--default', 'maybe'],
      /--default must be one of allow, disallow/,
    ],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const result = await check(args);
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toMatch(message);
    });
  }
});

// Skipped only when dist/bin.js is missing: the root test script runs `tsc -b` first.
describe.skipIf(!built)('optout check: the built binary', () => {
  test('exit codes 1 and 0 and JSON on stdout', () => {
    const denied = runBin(
      ['check', 'https://example.com/a', '--agent', 'GPTBot', '--robots', 'robots.txt', '--json'],
      site.dir,
    );
    expect(denied.code).toBe(1);
    expect(DecisionSchema.parse(JSON.parse(denied.stdout)).allowed).toBe(false);
    const allowed = runBin(
      ['check', 'https://example.com/a', '--agent', 'MyBot', '--purpose', 'crawl', '--robots', 'robots.txt'],
      site.dir,
    );
    expect(allowed.code).toBe(0);
  });
  test('exit code 2 on a missing file', () => {
    expect(
      runBin(['check', 'https://example.com/a', '--agent', 'X', '--robots', 'missing.txt'], site.dir).code,
    ).toBe(2);
  });
});
