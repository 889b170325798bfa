import { z } from 'zod';
import { DECISION_FORMAT_VERSION, DecisionSchema } from './decision.js';

/** The JSON Schema (draft 2020-12) of the public Decision format, generated from its zod schema. */
export function decisionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(DecisionSchema),
    $id: `https://optout.dev/schema/decision-v${DECISION_FORMAT_VERSION}.json`,
    title: `optout Decision, format version ${DECISION_FORMAT_VERSION}`,
  };
}
