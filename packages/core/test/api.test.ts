// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/core';
import * as schema from '@optout/core/schema';
import { expect, test } from 'vitest';

test('public API: the exported names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'CATEGORIES',
    'DECISION_FORMAT_VERSION',
    'NEEDS_NORMALIZING',
    'OptoutError',
    'PURPOSES',
    'PatternSet',
    'SOURCES',
    'assertArg',
    'bindsAgent',
    'charMask',
    'cleanTargetMask',
    'compilePattern',
    'concatBytes',
    'controlTokensFor',
    'copyWith',
    'decide',
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

test('public API: the schema entry (zod is loaded only from it)', () => {
  expect(Object.keys(schema).sort()).toEqual([
    'DecidedStatementSchema',
    'DecisionErrorSchema',
    'DecisionSchema',
    'EvidenceSchema',
    'ScopeSchema',
    'StatementSchema',
    'decisionJsonSchema',
  ]);
});
