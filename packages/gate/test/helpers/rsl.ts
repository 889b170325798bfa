// An RSL 1.0 licence document for the gate's tests: /articles/* may be
// indexed for search but not used to train AI; /free/* allows everything.
import type { Decision, Statement } from '@optout/core';
import { expect } from 'vitest';

/** The licence document. */
export const LICENSE = `<?xml version="1.0" encoding="UTF-8"?>
<rsl xmlns="https://rslstandard.org/rsl">
  <content url="/articles/*">
    <license>
      <permits type="usage">search</permits>
      <prohibits type="usage">ai-train</prohibits>
    </license>
  </content>
  <content url="/free/*">
    <license>
      <permits type="usage">all</permits>
    </license>
  </content>
</rsl>
`;

/** Its media type, as a response header. */
export const RSL_TYPE = { 'content-type': 'application/rsl+xml' };

/** Assert that LICENSE, read from `url`, decides `decision` for an /articles/ URL (it prohibits ai-train there); the deciding statement. */
export function expectLicenseDecides(decision: Decision, url: string): Statement {
  expect(decision.allowed).toBe(false);
  const deciding = decision.statements.find((x) => x.role === 'deciding');
  expect(deciding).toMatchObject({
    source: 'rsl',
    category: 'train-ai',
    value: 'disallow',
    evidence: { url, line: 6, pattern: '/articles/*' },
  });
  expect(deciding!.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
  return deciding!;
}
