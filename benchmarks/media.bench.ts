// Time per file to read the C2PA training-mining statements: optout's pure-TS
// reader (readMedia) against c2pa-rs compiled to WASM (@contentauth/c2pa-wasm),
// on the same fixtures, in one process. c2pa-wasm is measured twice: as it
// reads by default (with validation) and with verify_after_reading off, which
// is the closest it gets to "just read the assertions".
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as c2pa from '@contentauth/c2pa-wasm';
import { MEDIA_TYPES, readMedia } from '@optout/media';
import { type Row, report, row, timeIt, timeItAsync } from './lib/measure.js';

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

/** Run `fn` n times: one timed sample is n operations. */
function repeat<T>(n: number, fn: () => T): () => T {
  return () => {
    let last!: T;
    for (let i = 0; i < n; i++) last = fn();
    return last;
  };
}

async function repeatAsync<T>(n: number, fn: () => Promise<T>): Promise<T> {
  let last!: T;
  for (let i = 0; i < n; i++) last = await fn();
  return last;
}

const OURS_OPS = 100;
const WASM_OPS = 5;
const rows: Row[] = [];
let oursTotal = 0;
let oursTmTotal = 0;
let wasmTotal = 0;
let wasmReadTotal = 0;
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(new URL(file, root)));
  const probe = readMedia(bytes);
  if (!probe.manifest) continue; // nothing for c2pa-wasm to read (no store, remote, prerelease, not media)
  const type = MEDIA_TYPES[probe.format as keyof typeof MEDIA_TYPES];
  const ours = timeIt(
    repeat(OURS_OPS, () => readMedia(bytes).statements),
    OURS_OPS,
  );
  const oursTm = timeIt(
    repeat(OURS_OPS, () => readMedia(bytes, { checkHashes: 'training-mining' }).statements),
    OURS_OPS,
  );
  const wasm = await timeItAsync(
    () => repeatAsync(WASM_OPS, () => wasmTrainingMining(bytes, type, VALIDATE)),
    WASM_OPS,
  );
  const wasmRead = await timeItAsync(
    () => repeatAsync(WASM_OPS, () => wasmTrainingMining(bytes, type, READ_ONLY)),
    WASM_OPS,
  );
  const name = file.slice(file.indexOf('/') + 1);
  const extra = { kB: Math.round(bytes.length / 1024) };
  rows.push(row(name, 'optout readMedia (re-hash all assertions)', ours, extra));
  rows.push(row(name, 'optout readMedia (re-hash training-mining only)', oursTm, extra));
  rows.push(
    row(name, 'c2pa-wasm 0.15.0 (read + validate)', wasm, { ...extra, 'x slower': (wasm / ours).toFixed(0) }),
  );
  rows.push(
    row(name, 'c2pa-wasm 0.15.0 (read, verify_after_reading off)', wasmRead, {
      ...extra,
      'x slower': (wasmRead / ours).toFixed(0),
    }),
  );
  oursTotal += ours;
  oursTmTotal += oursTm;
  wasmTotal += wasm;
  wasmReadTotal += wasmRead;
}
const count = rows.length / 4;
const mean = `mean of ${count} files`;
const versus = (total: number) => ({
  'x slower than re-hash all': (total / oursTotal).toFixed(0),
  'x slower than training-mining only': (total / oursTmTotal).toFixed(0),
});
rows.push(row(mean, 'optout readMedia (re-hash all assertions)', oursTotal / count));
rows.push(row(mean, 'optout readMedia (re-hash training-mining only)', oursTmTotal / count));
rows.push(row(mean, 'c2pa-wasm 0.15.0 (read + validate)', wasmTotal / count, versus(wasmTotal)));
rows.push(
  row(
    mean,
    'c2pa-wasm 0.15.0 (read, verify_after_reading off)',
    wasmReadTotal / count,
    versus(wasmReadTotal),
  ),
);
report('media', rows);
