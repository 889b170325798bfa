// A breadth-first crawler that asks @optout/gate before every fetch.
// Run: pnpm start   (from this folder, or `pnpm --filter @optout/example-crawler-gate start`)
import { createGate } from '@optout/gate';
import { startSite } from './site.js';

const site = await startSite();
const gate = createGate({
  agent: { token: 'ExampleCrawler', userAgent: 'ExampleCrawler/1.0 (+https://example.org/crawler)' },
  purpose: 'train-ai',
  defaultForUnknown: 'allow',
  minInterval: 50,
});

const queue = [`${site.origin}/`];
const seen = new Set(queue);
const kept: string[] = [];
while (queue.length > 0) {
  const url = queue.shift()!;
  const { decision, response } = await gate.fetch(url);
  const deciding = decision.statements.find((s) => s.role === 'deciding');
  const why = deciding
    ? `${deciding.source}${deciding.evidence.line ? ` line ${deciding.evidence.line}` : ''}: ${deciding.evidence.raw}`
    : 'no signal';
  const verdict = !response ? 'NOT FETCHED' : decision.allowed ? 'keep' : 'fetched, not for training';
  console.log(`${verdict.padEnd(26)} ${new URL(url).pathname.padEnd(16)} ${why}`);
  if (!response) continue;
  const body = await response.text();
  if (decision.allowed) kept.push(url);
  for (const [, href] of body.matchAll(/href="([^"]+)"/g)) {
    const next = new URL(href!, url).href;
    if (!seen.has(next)) {
      seen.add(next);
      queue.push(next);
    }
  }
}

console.log(
  `\nkept ${kept.length} page(s) for training; the site saw requests for: ${site.requested.join(' ')}`,
);
await gate.close();
await site.close();
