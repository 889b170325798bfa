import { parseIscc } from '@optout/iscc';
import { describe, expect, test } from 'vitest';
import { main } from '../src/index.js';
import { built, captureIo, runBin, tempDir } from './io.js';

// Authored texts: a work, the same work lightly edited, and an unrelated text.
const paragraph = (seed: string[]) =>
  Array.from(
    { length: 40 },
    (_, i) => `${seed[i % seed.length]} sentence number ${i} about ${seed[(i * 7) % seed.length]}.`,
  ).join(' ');
const words = [
  'river',
  'mountain',
  'harbour',
  'lantern',
  'orchard',
  'meadow',
  'glacier',
  'canyon',
  'forest',
  'island',
];
const original = paragraph(words);
const edited = original
  .replace('sentence number 3 ', 'sentence number three ')
  .replace('about forest.', 'about the forest.');
const unrelated = paragraph([
  'quantum',
  'ledger',
  'violin',
  'cipher',
  'turbine',
  'saffron',
  'pixel',
  'basalt',
]);

const dir = tempDir();
dir.write('work.txt', original);
dir.write('work-edited.txt', edited);
dir.write('other.txt', unrelated);

async function run(args: string[]) {
  const { io, out, err } = captureIo(dir.dir);
  const code = await main(['iscc', ...args], io);
  return { code, out: out(), err: err() };
}

async function codeOf(file: string): Promise<string> {
  const result = await run([file, '--json']);
  return JSON.parse(result.out)[0].iscc;
}

describe('optout iscc (issue 6, CLI)', () => {
  test('prints a valid ISCC-CODE with its content, data and instance units', async () => {
    const result = await run(['work.txt', '--json']);
    expect(result.code).toBe(0);
    const [coded] = JSON.parse(result.out);
    expect(coded.file).toBe('work.txt');
    expect(coded.mediaType).toBe('text/plain');
    expect(parseIscc(coded.iscc).ok).toBe(true);
    expect(Object.keys(coded.units).sort()).toEqual(['content', 'data', 'instance']);
    const human = await run(['work.txt']);
    expect(human.out).toContain(`work.txt: ${coded.iscc} (text/plain)`);
    expect(human.out).toMatch(/^ {2}instance {2}ISCC:/m);
  });

  test('the same bytes give the same code; different texts different codes', async () => {
    expect(await codeOf('work.txt')).toBe(await codeOf('work.txt'));
    expect(await codeOf('other.txt')).not.toBe(await codeOf('work.txt'));
  });

  test('a missing file is a usage error (exit 2)', async () => {
    const result = await run(['missing.txt']);
    expect(result.code).toBe(2);
    expect(result.err).toContain("cannot read 'missing.txt'");
  });
});

describe('optout iscc match', () => {
  test('exact match: the declared work gives its declaration and an iscc-registry disallow', async () => {
    const work = await codeOf('work.txt');
    dir.write(
      'declarations.jsonl',
      [
        JSON.stringify({ iscc: await codeOf('other.txt'), declaration: { search: 'true' } }),
        JSON.stringify({
          iscc: work,
          declaration: { 'train-ai': 'false' },
          declarer: 'did:web:author.example',
        }),
      ].join('\n'),
    );
    const result = await run(['match', 'work.txt', '--registry', 'declarations.jsonl', '--json']);
    expect(result.code).toBe(0);
    const [found] = JSON.parse(result.out);
    expect(found.matches[0]).toMatchObject({ exact: true, distance: 0, declaration: { line: 2 } });
    expect(found.statements[0]).toMatchObject({
      source: 'iscc-registry',
      category: 'train-ai',
      value: 'disallow',
      evidence: { line: 2, url: 'declarations.jsonl' },
    });
    const human = await run(['match', 'work.txt', '--registry', 'declarations.jsonl']);
    expect(human.out).toContain('match: line 2');
    expect(human.out).toContain('by did:web:author.example (exact)');
    expect(human.out).toMatch(/iscc-registry: train-ai disallow \[train-ai=false\] at line 2/);
  });

  test('similar work: a lightly edited text matches by Content-Code distance, not exactly', async () => {
    const result = await run(['match', 'work-edited.txt', '--registry', 'declarations.jsonl', '--json']);
    const [found] = JSON.parse(result.out);
    const match = found.matches.find((m: { declaration: { line: number } }) => m.declaration.line === 2);
    expect(match).toBeDefined();
    expect(match.exact).toBe(false);
    expect(match.units.some((u: { unit: string }) => u.unit.startsWith('CONTENT'))).toBe(true);
  });

  test('an unrelated text does not match the declared work', async () => {
    dir.write('only-work.jsonl', JSON.stringify({ iscc: await codeOf('work.txt'), all: 'false' }));
    const result = await run(['match', 'other.txt', '--registry', 'only-work.jsonl']);
    expect(result.out).toContain('no declaration matches');
  });

  test('match without --registry, or --registry without match, is a usage error', async () => {
    expect((await run(['match', 'work.txt'])).err).toContain('needs --registry');
    expect((await run(['work.txt', '--registry', 'declarations.jsonl'])).code).toBe(2);
  });
});

// Skipped only when dist/bin.js is missing: the root test script runs `tsc -b` first.
describe.skipIf(!built)('optout iscc: the built binary', () => {
  test('prints the code', () => {
    const result = runBin(['iscc', 'work.txt'], dir.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^work\.txt: ISCC:/);
  });
});
