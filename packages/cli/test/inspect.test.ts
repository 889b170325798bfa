import { fileURLToPath } from 'node:url';
import { StatementSchema } from '@optout/core/schema';
import { describe, expect, test } from 'vitest';
import { main } from '../src/index.js';
import { built, captureIo, runBin, tempDir } from './io.js';

const fixtures = fileURLToPath(new URL('./fixtures/c2pa/', import.meta.url));
const scratch = tempDir();
scratch.write('notes.txt', 'plain text, no metadata at all\n');

async function inspect(args: string[], cwd = fixtures) {
  const { io, out, err } = captureIo(cwd);
  const code = await main(['inspect', ...args], io);
  return { code, out: out(), err: err() };
}

async function inspectJson(file: string) {
  const result = await inspect([file, '--json']);
  expect(result.code).toBe(0);
  const [report] = JSON.parse(result.out);
  for (const statement of report.statements) StatementSchema.parse(statement);
  return report;
}

describe('optout inspect (issue 5, CLI)', () => {
  test('C2PA training-mining notAllowed: every entry becomes a disallow, integrity hash-ok', async () => {
    const report = await inspectJson('tdm-c2pa-notallowed.jpg');
    expect(report).toMatchObject({ file: 'tdm-c2pa-notallowed.jpg', format: 'jpeg', integrity: 'hash-ok' });
    const c2pa = report.statements.filter((s: { source: string }) => s.source === 'c2pa');
    expect(new Set(c2pa.map((s: { category: string }) => s.category))).toEqual(
      new Set(['train-ai', 'train-genai', 'ai-input', 'tdm']),
    );
    expect(c2pa.every((s: { value: string }) => s.value === 'disallow')).toBe(true);
  });

  test('human output names the assertion, each entry with its category, and the constraint of a constrained entry', async () => {
    const result = await inspect(['tdm-cawg-constrained.jpg']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('tdm-cawg-constrained.jpg: jpeg');
    expect(result.out).toContain('cawg.training-mining');
    expect(result.out).toMatch(/ai_training: constrained -> train-ai \(Licence required/);
    expect(result.out).toContain('integrity: hash-ok');
  });

  test('an assertion edited after signing is flagged: integrity hash-mismatch', async () => {
    const result = await inspect(['tampered-assertion-cawg-constrained.jpg']);
    expect(result.out).toContain('integrity: hash-mismatch');
    expect((await inspectJson('tampered-assertion-cawg-constrained.jpg')).integrity).toBe('hash-mismatch');
  });

  test('a remote manifest is reported as a reference, not fetched', async () => {
    const result = await inspect(['tdm-remote.jpg']);
    expect(result.out).toContain('remote manifest (via xmp): http://127.0.0.1:8080/tdm-remote.c2pa');
    expect(result.out).toContain('no C2PA manifest');
  });

  test('a file without signals: no statements, every category unknown', async () => {
    const result = await inspect(['notes.txt'], scratch.dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain('statements: none');
  });

  test('several files in one run, in the order given', async () => {
    const result = await inspect(['tdm-remote.jpg', 'tdm-c2pa-notallowed.jpg', '--json']);
    expect(JSON.parse(result.out).map((r: { file: string }) => r.file)).toEqual([
      'tdm-remote.jpg',
      'tdm-c2pa-notallowed.jpg',
    ]);
  });

  test('a missing file or no file at all is a usage error (exit 2)', async () => {
    const missing = await inspect(['nope.jpg']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot read 'nope.jpg'");
    expect((await inspect([])).code).toBe(2);
  });
});

// Skipped only when dist/bin.js is missing: the root test script runs `tsc -b` first.
describe.skipIf(!built)('optout inspect: the built binary', () => {
  test('prints JSON for a fixture', () => {
    const result = runBin(['inspect', 'tdm-c2pa-notallowed.jpg', '--json'], fixtures);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0].format).toBe('jpeg');
  });
});

describe('optout inspect --validate (c2pa-rs through @contentauth/c2pa-wasm, no network)', () => {
  test('a sound signature by a signer on no trust list is untrusted', async () => {
    const result = await inspect(['tdm-c2pa-notallowed.jpg', '--validate', '--json']);
    expect(JSON.parse(result.out)[0].validation).toBe('untrusted');
  });
  test('an assertion edited after signing is invalid, with the validator code', async () => {
    const result = await inspect(['tampered-assertion-cawg-constrained.jpg', '--validate']);
    expect(result.out).toMatch(/validation: invalid \(.*assertion\.hashedURI\.mismatch/);
  });
  test('without --validate nothing is validated', async () => {
    expect((await inspectJson('tdm-c2pa-notallowed.jpg')).validation).toBe('not-checked');
  });
});
