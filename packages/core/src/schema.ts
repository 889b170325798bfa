export {
  DecidedStatementSchema,
  DecisionErrorSchema,
  DecisionSchema,
  decisionJsonSchema,
  EvidenceSchema,
  ScopeSchema,
  StatementSchema,
} from './lib/schema.js';
