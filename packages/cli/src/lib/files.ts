import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './exit.js';
import type { Io } from './io.js';

/** Resolve a path given on the command line against the command's working directory. */
export function resolvePath(io: Io, file: string): string {
  return resolve(io.cwd, file);
}

function unreadable(error: unknown, file: string, what: string): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
  return new UsageError(`${what}: cannot read '${file}': ${reason}`);
}

/** Fail with a usage error unless `file` is a regular file, without reading it (for streamed inputs). */
export async function assertFile(io: Io, file: string, what: string): Promise<string> {
  const path = resolvePath(io, file);
  try {
    if (!(await stat(path)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (error) {
    throw unreadable(error, file, what);
  }
  return path;
}

/** How an input is named in output and evidence: `-` is standard input. */
export function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

const stdinRead = new WeakSet<Io>();

async function readStdin(io: Io, what: string): Promise<Uint8Array> {
  if (!io.stdin) throw new UsageError(`${what}: '-' reads standard input, and there is none`);
  if (stdinRead.has(io)) throw new UsageError(`${what}: standard input ('-') can be read only once`);
  stdinRead.add(io);
  const chunks: Uint8Array[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Read an input file as bytes; `-` reads standard input (once per run). A
 * missing or unreadable file is a usage error (exit 2) whose message names
 * the flag it was given with.
 */
export async function readInputFile(io: Io, file: string, what: string): Promise<Uint8Array> {
  if (file === '-') return readStdin(io, what);
  try {
    return new Uint8Array(await readFile(resolvePath(io, file)));
  } catch (error) {
    throw unreadable(error, file, what);
  }
}
