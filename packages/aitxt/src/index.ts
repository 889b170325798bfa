export {
  type AiTxt,
  type AiTxtExplanation,
  type AiTxtOptions,
  parseAiTxt,
} from './lib/aitxt.js';
export type { AiTxtFormat } from './lib/format.js';
export type { Group, Rule } from './lib/rules.js';
