import { controlTokensFor, findAgent, isTrainingToken, knownAgents } from '@optout/core';
import { expect, test } from 'vitest';

test('the registry is seeded from ai.robots.txt and the vendor table', () => {
  expect(knownAgents().length).toBeGreaterThan(150);
  expect(findAgent('gptbot')).toMatchObject({ token: 'GPTBot', operator: 'OpenAI', purpose: 'training' });
  expect(findAgent('OAI-SearchBot')?.purpose).toBe('ai-search');
  expect(findAgent('ChatGPT-User')?.purpose).toBe('user-fetch');
});

test('control tokens never fetch and name the crawler they govern', () => {
  expect(findAgent('Google-Extended')).toMatchObject({ purpose: 'control-token', fetches: false });
  expect(controlTokensFor('Applebot')).toEqual(['Applebot-Extended']);
  expect(isTrainingToken('Applebot-Extended')).toBe(true);
  expect(isTrainingToken('Applebot')).toBe(false);
  expect(isTrainingToken('NoSuchBot')).toBe(false);
});
