export { globalHelp, main, version } from './lib/cli.js';
export type { Command } from './lib/command.js';
export { commands } from './lib/commands/index.js';
export { EXIT, UsageError } from './lib/exit.js';
export { type Input, type Io, type Output, processIo } from './lib/io.js';
