/** Something text can be written to: `process.stdout`, or a buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
  /** True when a terminal reads this stream: colours and progress bars only then. */
  isTTY?: boolean;
}

/** Where input comes from for interactive questions. */
export interface Input extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/**
 * Everything a command touches outside its arguments. Commands never read
 * `process` directly, so tests can run them in-process with captured output.
 */
export interface Io {
  stdout: Output;
  stderr: Output;
  /** Absent when there is no interactive input (tests, pipes). */
  stdin?: Input;
  /** Directory relative paths are resolved against. */
  cwd: string;
  env: Record<string, string | undefined>;
}

/** The real process's streams, directory and environment. */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  };
}
