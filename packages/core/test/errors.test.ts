import { assertArg, OptoutError } from '@optout/core';
import { expect, test } from 'vitest';

class FetchFailed extends OptoutError {}

test('errors carry a stable code and are recognised across copies by their brand', () => {
  const err = new FetchFailed('OPTOUT_ERR_FETCH', 'boom');
  expect(err).toBeInstanceOf(OptoutError);
  expect(err.code).toBe('OPTOUT_ERR_FETCH');
  const foreign = Object.assign(new Error('x'), { [Symbol.for('optout.error')]: true });
  expect(foreign instanceof OptoutError).toBe(true);
  expect(foreign instanceof FetchFailed).toBe(false);
  expect(() => assertArg(false, 'agent is required')).toThrow(
    expect.objectContaining({ code: 'OPTOUT_ERR_INVALID_ARG' }),
  );
});
