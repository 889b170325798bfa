// Time per file to read the C2PA training-mining statements: optout's pure-TS
// reader (readMedia) against c2pa-rs compiled to WASM (@contentauth/c2pa-wasm),
// on the same fixtures, in one process. Each side is measured two ways:
// readMedia by default (re-hashing the training-mining assertions) and with
// checkHashes 'all'; c2pa-wasm as it reads by default (with validation) and
// with verify_after_reading off, the closest it gets to "just read".
// Run: pnpm bench media
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as c2pa from '@contentauth/c2pa-wasm';
import { MEDIA_TYPES, readMedia } from '@optout/media';
import { type Row, report, row, timeIt, timeItAsync } from './lib/measure.js';
import { repeat, repeatAsync } from './lib/repeat.js';

const require = createRequire(import.meta.url);
c2pa.initSync({ module: readFileSync(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });

const root = new URL('../packages/media/test/fixtures/c2pa/', import.meta.url);
const files = ['upstream', 'generated'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, root)).map((name) => `${dir}/${name}`),
);

const NO_NETWORK = {
  core: { allowed_network_hosts: [] },
  verify: { remote_manifest_fetch: false, ocsp_fetch: false },
};
const VALIDATE = JSON.stringify(NO_NETWORK);
const READ_ONLY = JSON.stringify({
  ...NO_NETWORK,
  verify: { ...NO_NETWORK.verify, verify_after_reading: false },
});
const TM = /^(?:c2pa|cawg)\.training-mining(?:__\d+)?$/;

/** What a caller of c2pa-wasm does to get the same answer: read, take the active manifest's TDM entries. */
async function wasmTrainingMining(bytes: Uint8Array, type: string, context: string): Promise<unknown[]> {
  const reader = await c2pa.WasmReader.fromBytes(type, bytes, context);
  try {
    const store = JSON.parse(reader.json()) as {
      active_manifest?: string;
      manifests?: Record<string, { assertions?: Array<{ label: string; data: unknown }> }>;
    };
    const active = store.manifests?.[store.active_manifest ?? ''];
    return (active?.assertions ?? []).filter((a) => TM.test(a.label)).map((a) => a.data);
  } finally {
    reader.free();
  }
}

const OURS_OPS = 100;
const WASM_OPS = 5;
type Subject = { name: string; time: (bytes: Uint8Array, type: string) => Promise<number> };
const SUBJECTS: Subject[] = [
  {
    name: 'optout readMedia (default: re-hash training-mining)',
    time: async (bytes) =>
      timeIt(
        repeat(OURS_OPS, () => readMedia(bytes).statements),
        OURS_OPS,
      ),
  },
  {
    name: "optout readMedia (checkHashes: 'all')",
    time: async (bytes) =>
      timeIt(
        repeat(OURS_OPS, () => readMedia(bytes, { checkHashes: 'all' }).statements),
        OURS_OPS,
      ),
  },
  {
    name: 'c2pa-wasm 0.15.0 (read + validate)',
    time: (bytes, type) =>
      timeItAsync(
        repeatAsync(WASM_OPS, () => wasmTrainingMining(bytes, type, VALIDATE)),
        WASM_OPS,
      ),
  },
  {
    name: 'c2pa-wasm 0.15.0 (read, verify_after_reading off)',
    time: (bytes, type) =>
      timeItAsync(
        repeatAsync(WASM_OPS, () => wasmTrainingMining(bytes, type, READ_ONLY)),
        WASM_OPS,
      ),
  },
];

const rows: Row[] = [];
const perFile: number[][] = SUBJECTS.map(() => []);
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(new URL(file, root)));
  const probe = readMedia(bytes);
  if (!probe.manifest) continue; // nothing for c2pa-wasm to read (no store, remote, prerelease, not media)
  const type = MEDIA_TYPES[probe.format as keyof typeof MEDIA_TYPES];
  const name = file.slice(file.indexOf('/') + 1);
  const times: number[] = [];
  for (const subject of SUBJECTS) times.push(await subject.time(bytes, type));
  SUBJECTS.forEach((subject, i) => {
    const ratio: Row['extra'] = i === 0 ? {} : { 'x default': (times[i]! / times[0]!).toFixed(1) };
    rows.push(row(name, subject.name, times[i]!, { kB: Math.round(bytes.length / 1024), ...ratio }));
    perFile[i]!.push(times[i]!);
  });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const count = perFile[0]!.length;
SUBJECTS.forEach((subject, i) => {
  // Ratio of the means (dominated by the large upstream files), and the spread of per-file ratios.
  const ratios = perFile[i]!.map((t, f) => t / perFile[0]![f]!);
  const extra: Row['extra'] =
    i === 0
      ? {}
      : {
          'x default': (sum(perFile[i]!) / sum(perFile[0]!)).toFixed(1),
          'per-file x: median': median(ratios).toFixed(1),
          min: Math.min(...ratios).toFixed(1),
          max: Math.max(...ratios).toFixed(1),
        };
  rows.push(row(`mean of ${count} files`, subject.name, sum(perFile[i]!) / count, extra));
});
report('media', rows);
