import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './exit.js';

/** The option table of one command, in `node:util` `parseArgs` form. */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type StrictConfig<O extends OptionTable> = {
  args: string[];
  options: O & typeof HELP;
  allowPositionals: true;
  strict: true;
};

/** The typed `{ values, positionals }` that `parseCommandArgs` returns for an option table. */
export type ParsedArgs<O extends OptionTable> = ReturnType<typeof parseArgs<StrictConfig<O>>>;

/**
 * Parse a command's arguments strictly: unknown options, missing values and
 * repeated single options become a `UsageError` (exit code 2). `--help` is
 * added to every command.
 */
export function parseCommandArgs<const O extends OptionTable>(argv: string[], options: O): ParsedArgs<O> {
  const config: StrictConfig<O> = {
    args: argv,
    options: { ...options, ...HELP },
    allowPositionals: true,
    strict: true,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
}

/** Check that `value` is one of `choices`; the message names the flag and every choice. */
export function oneOf<const T extends string>(
  value: string | undefined,
  choices: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${choices.join(', ')} (got '${value}')`);
}

/** Demand at least one positional argument, naming what it should be. */
export function requirePositionals(positionals: string[], what: string): string[] {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`);
  return positionals;
}
