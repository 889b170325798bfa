import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { OptoutError } from '@optout/core';
import type { SummaryState } from './summary.js';

/**
 * What a resumed run needs: the first input record not yet written, and the
 * length every output had when all records before it were written.
 *
 * The protocol: outputs are written in input order; every checkpoint first
 * fsyncs the outputs, then atomically replaces this file (write, fsync,
 * rename). After a crash, the outputs may hold records past the checkpoint;
 * resuming cuts them back to the recorded lengths and reads on from `next`,
 * so each record ends up in the outputs exactly once.
 */
export interface Checkpoint {
  version: 1;
  input: { path: string; size: number; mtimeMs: number };
  /** The options that must not change between a run and its resumption. */
  settings: Record<string, string | undefined>;
  next: number;
  outputs: Record<string, number>;
  summary: SummaryState;
  done: boolean;
}

/** Where the checkpoint of a run writing `out` lives. */
export function journalPath(out: string): string {
  return `${out}.optout-journal.json`;
}

/** Identify the input, so a resume against a changed file is refused. */
export function inputIdentity(path: string): Checkpoint['input'] {
  const stat = statSync(path);
  return { path, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) };
}

/** Read a checkpoint, or undefined when there is none. */
export function readCheckpoint(path: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as Checkpoint;
  if (parsed.version !== 1)
    throw new OptoutError('OPTOUT_ERR_INVALID_ARG', `${path}: unknown journal version`);
  return parsed;
}

/** Refuse to resume when the input or the settings differ from the checkpointed run. */
export function assertResumable(
  checkpoint: Checkpoint,
  input: Checkpoint['input'],
  settings: Checkpoint['settings'],
): void {
  const was = checkpoint.input;
  if (was.size !== input.size || was.mtimeMs !== input.mtimeMs) {
    throw new OptoutError(
      'OPTOUT_ERR_INVALID_ARG',
      `cannot resume: ${input.path} changed since the interrupted run`,
    );
  }
  for (const [key, value] of Object.entries(settings)) {
    if (checkpoint.settings[key] !== value) {
      throw new OptoutError(
        'OPTOUT_ERR_INVALID_ARG',
        `cannot resume: --${key} was ${checkpoint.settings[key] ?? '(unset)'}, now ${value ?? '(unset)'}`,
      );
    }
  }
}

/** Replace the checkpoint atomically and durably. */
export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, JSON.stringify(checkpoint));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
