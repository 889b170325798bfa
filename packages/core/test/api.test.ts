// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/core';
import { expect, test } from 'vitest';

test('public API: the exported names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'CATEGORIES',
    'DECISION_FORMAT_VERSION',
    'DecidedStatementSchema',
    'DecisionErrorSchema',
    'DecisionSchema',
    'EvidenceSchema',
    'NEEDS_NORMALIZING',
    'OptoutError',
    'PURPOSES',
    'PatternSet',
    'SOURCES',
    'ScopeSchema',
    'StatementSchema',
    'assertArg',
    'bindsAgent',
    'charMask',
    'cleanTargetMask',
    'compilePattern',
    'concatBytes',
    'controlTokensFor',
    'decide',
    'decisionJsonSchema',
    'decodeText',
    'findAgent',
    'headerValues',
    'isCategory',
    'isTrainingToken',
    'knownAgents',
    'lineage',
    'matchesPattern',
    'normalizePattern',
    'normalizeTarget',
    'parseHeaderBlock',
    'pathAndQuery',
  ]);
});
