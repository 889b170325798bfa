// Shared helpers for the benchmark scripts: time a function, print a table,
// write the results as JSON next to the script.
import { writeFileSync } from 'node:fs';
import os from 'node:os';

/** One measured row: what was run, by whom (optout or a baseline), and its figures. */
export interface Row {
  scenario: string;
  subject: string;
  /** Median time of one operation, nanoseconds. */
  nsPerOp: number;
  /** Operations per second at the median. */
  opsPerSec: number;
  /** Extra figures (bytes, MB/s, RSS, ratios). */
  extra?: Record<string, number | string>;
}

/**
 * Run `fn` (which performs `ops` operations) `runs` times after a warm-up and
 * return the median time per operation in nanoseconds.
 */
export function timeIt(fn: () => unknown, ops: number, runs = 9, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    sink(fn());
    samples.push(Number(process.hrtime.bigint() - start) / ops);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Async variant of `timeIt`. */
export async function timeItAsync(
  fn: () => Promise<unknown>,
  ops: number,
  runs = 5,
  warmup = 1,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    sink(await fn());
    samples.push(Number(process.hrtime.bigint() - start) / ops);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

let sinkValue: unknown;
/** Keep a result alive so the engine cannot drop the work that made it. */
export function sink(value: unknown): void {
  sinkValue = value;
}
/** For tests of the harness: the last value sunk. */
export function lastSunk(): unknown {
  return sinkValue;
}

/** A row from a median time per operation. */
export function row(scenario: string, subject: string, nsPerOp: number, extra?: Row['extra']): Row {
  return { scenario, subject, nsPerOp, opsPerSec: 1e9 / nsPerOp, ...(extra ? { extra } : {}) };
}

function formatNs(ns: number): string {
  if (ns >= 1e9) return (ns / 1e9).toFixed(2) + ' s';
  if (ns >= 1e6) return (ns / 1e6).toFixed(2) + ' ms';
  if (ns >= 1e3) return (ns / 1e3).toFixed(2) + ' µs';
  return ns.toFixed(0) + ' ns';
}

/** The machine a run happened on. */
export interface Machine {
  node: string;
  cpu: string;
  cores: number;
}

// Rows that only carry figures (memory, counts) have no time per operation.
function timing(r: Row): string {
  if (!(r.nsPerOp > 0)) return '– | –';
  return `${formatNs(r.nsPerOp)} | ${Math.round(r.opsPerSec).toLocaleString('en')}`;
}

/** Rows as a Markdown table, headed by the run's name and machine. */
export function markdownTable(name: string, machine: Machine, rows: Row[]): string {
  const lines = [`## ${name} (Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores)`, ''];
  lines.push('| scenario | subject | time/op | ops/s | extra |', '|---|---|---|---|---|');
  for (const r of rows) {
    const extra = r.extra
      ? Object.entries(r.extra)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')
      : '';
    lines.push(`| ${r.scenario} | ${r.subject} | ${timing(r)} | ${extra} |`);
  }
  return lines.join('\n');
}

/** Print rows as a Markdown table and write them, with the machine description, to `results/<name>.json`. */
export function report(name: string, rows: Row[]): void {
  const machine: Machine = {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
  };
  console.log('\n' + markdownTable(name, machine, rows));
  const file = new URL(`../results/${name}.json`, import.meta.url);
  writeFileSync(
    file,
    JSON.stringify({ name, machine, date: new Date().toISOString(), rows }, null, 2) + '\n',
  );
}
