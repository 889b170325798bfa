import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseAiTxt } from '../src/index.js';

// Spawning's own category table (copied verbatim from its WordPress plugin).
const table = JSON.parse(
  readFileSync(new URL('./fixtures/spawning-wp-plugin_ai_txt_options.json', import.meta.url), 'utf8'),
) as { options: { label: string; value: string; globalFlag: boolean }[] };
const categories = table.options.map((o) => ({
  label: o.label,
  globs: o.value.split(',').map((g) => g.trim()),
  global: o.globalFlag,
}));

// Writes ai.txt the way SIGNALS §2.3 describes Spawning's generator: one `*`
// group, a line per glob, then `/` following the category with globalFlag
// (Text); everything disallowed collapses to `Disallow: /` + `Disallow: *`.
function generate(choice: boolean[]): string {
  const lines = ['# Spawning AI', 'User-Agent: *'];
  if (choice.every((allowed) => !allowed)) return [...lines, 'Disallow: /', 'Disallow: *'].join('\n');
  categories.forEach((c, i) => {
    for (const glob of c.globs) lines.push(`${choice[i] ? 'Allow' : 'Disallow'}: ${glob}`);
  });
  const text = choice[categories.findIndex((c) => c.global)];
  lines.push(`${text ? 'Allow' : 'Disallow'}: /`);
  return lines.join('\n');
}

describe("files written like Spawning's generator", () => {
  test('§2.3: every extension gets its category choice; shared extensions go to Allow; pages follow Text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: categories.length, maxLength: categories.length }),
        (choice) => {
          const aitxt = parseAiTxt(generate(choice));
          const allDisallowed = choice.every((a) => !a);
          for (const c of categories) {
            for (const glob of c.globs) {
              const ext = glob.slice(1);
              const allowedSomewhere = categories.some((o, j) => choice[j] && o.globs.includes(glob));
              const want = allDisallowed ? 'disallow' : allowedSomewhere ? 'allow' : 'disallow';
              expect(aitxt.explain(`/dir/file${ext}`).value, `${c.label} ${glob}`).toBe(want);
            }
          }
          const text = choice[categories.findIndex((c) => c.global)];
          expect(aitxt.explain('/blog/post').value).toBe(text ? 'allow' : 'disallow');
        },
      ),
      { numRuns: 40 },
    );
  });
});
