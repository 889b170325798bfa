// @optout/iscc: Data-Code and Instance-Code throughput on 100 MB held in
// memory (fed in 1 MiB chunks, as from a file), Text-Code on 1 MB of text,
// and an opt-out registry of 1,000,000 declarations: load+index time, memory
// per declaration, and query latency of the multi-index search against a
// linear scan of the same index, side by side.
// Run: pnpm bench iscc
import {
  DataHasher,
  encodeBase32,
  encodeHeader,
  genTextCodeV0,
  InstanceHasher,
  loadRegistry,
  MainType,
  SubType,
} from '@optout/iscc';
import { type Row, report, row, sink, timeIt } from './lib/measure.js';
import { seededRandom } from './lib/random.js';

const rand = seededRandom(24138);
const rows: Row[] = [];
const MB = 1e6;

// --- Data-Code and Instance-Code on 100 MB -------------------------------
const SIZE = 100 * MB;
const CHUNK = 1 << 20;
const big = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i += 4) {
  const v = (rand() * 2 ** 32) >>> 0;
  big[i] = v;
  big[i + 1] = v >>> 8;
  big[i + 2] = v >>> 16;
  big[i + 3] = v >>> 24;
}
/** Time one streaming hasher over the 100 MB, fed in 1 MiB chunks, and add its MB/s row. */
function throughput(
  scenario: string,
  makeHasher: () => { push(chunk: Uint8Array): unknown; result(): unknown },
) {
  const ns = timeIt(
    () => {
      const hasher = makeHasher();
      for (let at = 0; at < SIZE; at += CHUNK) hasher.push(big.subarray(at, at + CHUNK));
      return hasher.result();
    },
    1,
    3,
    1,
  );
  rows.push(row(scenario, '@optout/iscc', ns, { 'MB/s': Math.round(SIZE / MB / (ns / 1e9)) }));
}
throughput('Data-Code, 100 MB in 1 MiB chunks', () => new DataHasher());
throughput('Instance-Code, 100 MB in 1 MiB chunks', () => new InstanceHasher());

// --- Text-Code on 1 MB of text --------------------------------------------
const WORDS =
  'rights reserved text data mining training model licence für café naïve the of and to in a is that'.split(
    ' ',
  );
let text = '';
while (text.length < MB) text += `${WORDS[Math.floor(rand() * WORDS.length)]}${rand() < 0.1 ? '.\n' : ' '}`;
const textNs = timeIt(() => genTextCodeV0(text), 1, 5, 1);
rows.push(
  row('Text-Code, 1 MB of text', '@optout/iscc', textNs, {
    'MB/s': (text.length / MB / (textNs / 1e9)).toFixed(1),
  }),
);

// --- Registry of 1,000,000 declarations -----------------------------------
const N = 1_000_000;
const HEADER = encodeHeader(MainType.ISCC, SubType.IMAGE, 0, 1); // Content-Image + Data + Instance
const bodies: Uint8Array[] = [];
function iscc(body: Uint8Array): string {
  const bytes = new Uint8Array(HEADER.length + 24);
  bytes.set(HEADER);
  bytes.set(body, HEADER.length);
  return `ISCC:${encodeBase32(bytes)}`;
}
function randomBody(): Uint8Array {
  return Uint8Array.from({ length: 24 }, () => Math.floor(rand() * 256));
}
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const used = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const before = used();
let lines: string[] | undefined = [];
for (let i = 0; i < N; i++) {
  // A fifth of the works are near-duplicates (re-encodings) of an earlier one: content 2 bits off,
  // other bytes, so other Data and Instance units.
  const body = randomBody();
  if (i > 0 && rand() < 0.2) body.set(bodies[Math.floor(rand() * bodies.length)]!.subarray(0, 8));
  for (let k = 0; k < 2; k++) body[Math.floor(rand() * 8)]! ^= 1 << Math.floor(rand() * 8);
  if (bodies.length < 10_000) bodies.push(body);
  const declaration = rand() < 0.5 ? { 'train-ai': 'false' } : { 'tdm-reservation': 1 };
  lines.push(
    JSON.stringify({
      iscc: iscc(body),
      declaration,
      declarer: `did:web:publisher${i % 5000}.example`,
      time: '2025-06-01T00:00:00Z',
    }),
  );
}
const lineBytes = lines.reduce((n, l) => n + l.length, 0);
const startLoad = process.hrtime.bigint();
const { registry, diagnostics } = loadRegistry(lines);
const loadNs = Number(process.hrtime.bigint() - startLoad);
const startBuild = process.hrtime.bigint();
registry.build();
const buildNs = Number(process.hrtime.bigint() - startBuild);
lines = undefined;
const perDeclaration = Math.round((used() - before) / N);
if (diagnostics.length) throw new Error(`unexpected diagnostics: ${diagnostics[0]?.message}`);
rows.push(
  row('registry: parse + add 1M JSONL declarations', '@optout/iscc', loadNs, {
    'bytes/declaration': perDeclaration,
    'of which JSONL line': Math.round(lineBytes / N),
    'of which unit indexes': Math.round(registry.indexBytes / N),
  }),
);
rows.push(row('registry: build the multi-index tables (3 unit types)', '@optout/iscc', buildNs));

// Queries: a declared work re-encoded (content 3 bits off, new data and instance), and an unrelated work.
const queries = Array.from({ length: 200 }, (_, q) => {
  const body = q % 2 ? bodies[Math.floor(rand() * bodies.length)]!.slice() : randomBody();
  for (let k = 0; k < 3; k++) body[Math.floor(rand() * 8)]! ^= 1 << Math.floor(rand() * 8);
  for (let b = 8; b < 24; b++) body[b] = Math.floor(rand() * 256);
  return iscc(body);
});
const declared = Array.from({ length: 200 }, () => iscc(bodies[Math.floor(rand() * bodies.length)]!));
const exactNs = timeIt(
  () => {
    for (const q of declared) sink(registry.match(q, { thresholds: {}, limit: 1 }));
  },
  declared.length,
  5,
  1,
);
rows.push(row('registry: exact-code lookup, 1M declarations', '@optout/iscc', exactNs));
let hits = 0;
for (const q of queries) hits += registry.match(q).length > 0 ? 1 : 0;
const queryNs = timeIt(
  () => {
    for (const q of queries) sink(registry.nearest(q));
  },
  queries.length,
  5,
  1,
);
rows.push(
  row('registry: nearest match, 1M declarations (threshold 10)', 'multi-index hashing', queryNs, {
    'queries with a match': `${hits}/${queries.length}`,
  }),
);
const scanQueries = queries.slice(0, 10);
const scanNs = timeIt(
  () => {
    for (const q of scanQueries) sink(registry.matchByScan(q, { limit: 1 }));
  },
  scanQueries.length,
  3,
  1,
);
rows.push(
  row('registry: nearest match, 1M declarations (threshold 10)', 'linear scan (baseline)', scanNs, {
    speedup: `${(scanNs / queryNs).toFixed(0)}×`,
  }),
);

report('iscc', rows);
