import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { main } from '../src/index.js';
import { locatePointer } from '../src/lib/lint/json-position.js';
import { detectKind } from '../src/lib/lint/kinds.js';
import { built, captureIo, runBin, tempDir } from './io.js';

const files = tempDir();
files.write('robots.txt', 'User-agent: *\nDissallow: /private/\nAllow: /\n');
files.write('clean-robots.txt', 'User-agent: GPTBot\nDisallow: /\n');
files.write('site/ai.txt', 'User-Agent: *\nDisallow: /\n');
files.write(
  'tdmrep.json',
  '[\n  { "location": "/", "tdm-reservation": 1 },\n  { "location": "/b/", "tdm-reservation": "1" }\n]\n',
);
files.write('rules.json', '[{ "location": "/", "tdm-reservation": 0 }]');
files.write(
  'policy.json',
  JSON.stringify(
    {
      '@context': ['http://www.w3.org/ns/odrl.jsonld', 'http://www.w3.org/ns/tdmrep.jsonld'],
      '@type': 'Set',
      uid: 'https://example.com/policy/1',
      permission: [{ action: 'tdm:mine' }],
    },
    null,
    2,
  ),
);
files.write(
  'page.html',
  '<!doctype html><html><head><meta name="tdm-reservation" content="yes"></head></html>',
);
files.write('notes.md', '# Notes\nnothing to see\n');

async function lint(args: string[]) {
  const { io, out, err } = captureIo(files.dir);
  const code = await main(['lint', ...args], io);
  return { code, out: out(), err: err() };
}

describe('optout lint (issue 7)', () => {
  test('robots.txt typo: file:line:col: severity code message; warnings alone exit 0', async () => {
    const result = await lint(['robots.txt']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^robots\.txt:2:1: warning robots\.\S+ .+$/m);
    expect(result.out).toContain('1 file checked: 0 errors, 1 warning');
  });

  test('a clean file prints no findings and exits 0', async () => {
    const result = await lint(['clean-robots.txt', 'site/ai.txt']);
    expect(result.code).toBe(0);
    expect(result.out).toBe('2 files checked: 0 errors, 0 warnings\n');
  });

  test('tdmrep.json: an invalid rule value is an error at its line and column (from the JSON Pointer), exit 1', async () => {
    const result = await lint(['tdmrep.json']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^tdmrep\.json:3:43: error tdmrep\.\S+ /m);
  });

  test('TDM policy told from its content: @type must be Offer', async () => {
    const result = await lint(['policy.json', '--json']);
    expect(result.code).toBe(1);
    const [report] = JSON.parse(result.out);
    expect(report.kind).toBe('tdm-policy');
    // JSON.stringify(…, null, 2) puts "@type" on line 6, after the four lines of @context.
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 6, column: 12 }),
    );
  });

  test('HTML: a tdm-reservation meta with an invalid value is reported with its line', async () => {
    const result = await lint(['page.html']);
    expect(result.out).toMatch(/^page\.html:1:\d+: \w+ tdmrep\.\S+/m);
  });

  test('--json gives file, kind and diagnostics for every file, in order', async () => {
    const result = await lint(['robots.txt', 'rules.json', '--json']);
    expect(JSON.parse(result.out).map((r: { file: string; kind: string }) => [r.file, r.kind])).toEqual([
      ['robots.txt', 'robots'],
      ['rules.json', 'tdmrep'],
    ]);
  });

  test('--kind overrides detection', async () => {
    const result = await lint(['notes.md', '--kind', 'aitxt', '--json']);
    expect(JSON.parse(result.out)[0].kind).toBe('aitxt');
  });

  test("'-' lints standard input, kind told from the content", async () => {
    const { io, out } = captureIo(files.dir);
    const stdin = new PassThrough();
    io.stdin = stdin;
    stdin.end('User-agent: *\nDisalow: /x\n');
    expect(await main(['lint', '-'], io)).toBe(0);
    expect(out()).toMatch(/^<stdin>:2:1: warning robots\./m);
  });

  test('a file of unknown kind is a usage error (exit 2) that suggests --kind', async () => {
    const result = await lint(['notes.md']);
    expect(result.code).toBe(2);
    expect(result.err).toContain("cannot tell what kind of file 'notes.md' is; give --kind");
  });
});

describe('lint kind detection', () => {
  const cases: [string, string, string | undefined][] = [
    ['robots.txt', '', 'robots'],
    ['example.com.robots.txt', '', 'robots'],
    ['ai.txt', '', 'aitxt'],
    ['.well-known/tdmrep.json', '', 'tdmrep'],
    ['index.HTML', '', 'html'],
    ['x.json', ' [ {"location": "/"} ]', 'tdmrep'],
    ['x.json', '{"@context": [], "@type": "Offer"}', 'tdm-policy'],
    ['x.json', '{"tdm-reservation": 1}', 'tdmrep'],
    ['page', '<!DOCTYPE html><html>', 'html'],
    ['rules', '# comment\nUser-agent: *\nDisallow: /', 'robots'],
    ['notes', 'hello', undefined],
  ];
  for (const [path, text, kind] of cases) {
    test(`${path} ${JSON.stringify(text.slice(0, 20))} is ${kind ?? 'unknown'}`, () => {
      expect(detectKind(path, text)).toBe(kind);
    });
  }
});

describe('JSON Pointer positions (RFC 6901)', () => {
  const text = '{\n  "a": [1, {"b~c": "x", "d/e": true}],\n  "f": null\n}';
  test('array items and object members', () => {
    expect(locatePointer(text, '')).toEqual({ line: 1, column: 1 });
    expect(locatePointer(text, '/a/0')).toEqual({ line: 2, column: 9 });
    expect(locatePointer(text, '/a/1/b~0c')).toEqual({ line: 2, column: 20 });
    expect(locatePointer(text, '/a/1/d~1e')).toEqual({ line: 2, column: 32 });
    expect(locatePointer(text, '/f')).toEqual({ line: 3, column: 8 });
  });
  test('a pointer to nothing, or text that is not JSON, has no position', () => {
    expect(locatePointer(text, '/zzz')).toBeUndefined();
    expect(locatePointer('[1,', '/0')).toBeUndefined();
  });
});

// Skipped only when dist/bin.js is missing: the root test script runs `tsc -b` first.
describe.skipIf(!built)('optout lint: the built binary', () => {
  test('exit 1 on errors, 0 on warnings only', () => {
    expect(runBin(['lint', 'tdmrep.json'], files.dir).code).toBe(1);
    expect(runBin(['lint', 'robots.txt'], files.dir).code).toBe(0);
  });
});
