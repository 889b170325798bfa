export { globalHelp, main, version } from './lib/cli.js';
export type { Command, CommandEntry } from './lib/command.js';
export { commands } from './lib/commands/index.js';
export { EXIT, UsageError } from './lib/exit.js';
export {
  type GeneratedFile,
  generateOptOutFiles,
  type InitChoices,
  knownTrainingAgents,
  type Reserve,
  responseHeaders,
} from './lib/init/generate.js';
export { type Input, type Io, type Output, processIo } from './lib/io.js';
export { detectKind, LINT_KINDS, type LintKind } from './lib/lint/kinds.js';
export { lintDiagnostics } from './lib/lint/read.js';
