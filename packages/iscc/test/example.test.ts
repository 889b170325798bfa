import { readFileSync } from 'node:fs';
import {
  genDataCodeV0,
  genInstanceCodeV0,
  genIsccCodeV0,
  genMetaCodeV0,
  genTextCodeV0,
  matchStatements,
} from '@optout/iscc';
import { loadRegistryFile } from '@optout/iscc/node';
import { expect, test } from 'vitest';

// examples/declarations.jsonl is the example the README shows: it must load
// cleanly, stay in sync with the README, and match the work it declares.
const example = new URL('../examples/declarations.jsonl', import.meta.url);

test('README: the declarations example is examples/declarations.jsonl, verbatim', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(readFileSync(example, 'utf8'));
});

test('the example declarations load without diagnostics, in all three forms', async () => {
  const { registry, diagnostics } = await loadRegistryFile(example);
  expect(diagnostics).toEqual([]);
  expect(registry.size).toBe(3);
  const forms = [0, 1, 2].map((id) => registry.declaration(id));
  expect(forms[0]).toMatchObject({
    usage: { 'train-ai': false, 'train-genai': false },
    pointer: '/declaration',
  });
  expect(forms[1]).toMatchObject({ usage: { all: false, 'ai-use': true, search: true }, pointer: '' });
  expect(forms[2]).toMatchObject({
    tdmReservation: 1,
    tdmPolicy: 'https://publisher.example/tdm-policy.json',
  });
});

test('the first example declaration is found for the work it was made from', async () => {
  const text = 'The quick brown fox jumps over the lazy dog. Rights reserved: no text and data mining.';
  const bytes = new TextEncoder().encode(text);
  const code = genIsccCodeV0([
    genMetaCodeV0('Work 1').iscc,
    genTextCodeV0(text).iscc,
    genDataCodeV0(bytes).iscc,
    genInstanceCodeV0(bytes).iscc,
  ]).iscc;
  const { registry } = await loadRegistryFile(example);
  const [match] = registry.match(code);
  expect(match).toMatchObject({ exact: true, distance: 0 });
  const statements = matchStatements([match!]).map((s) => `${s.category}=${s.value}`);
  expect(statements.sort()).toEqual(['train-ai=disallow', 'train-genai=disallow']);
});
