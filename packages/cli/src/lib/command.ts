import type { Io } from './io.js';

/**
 * One `optout` subcommand. `run` receives the arguments after the command
 * name and returns the exit code; it writes only through `io`, so tests can
 * call it in-process. Throw `UsageError` for bad arguments or unreadable input.
 */
export interface Command {
  /** Full help text for `optout <command> --help`. */
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** A command as the registry lists it: its one-line summary, and how to load it. */
export interface CommandEntry {
  /** One line for `optout --help`. */
  summary: string;
  load(): Promise<Command>;
}
