// The filter writes its outputs in input order, whatever order checks settle in.
import { type Decision, decide } from '@optout/core';
import { describe, expect, test } from 'vitest';
import { InOrder } from '../src/lib/filter/in-order.js';
import type { InputRecord } from '../src/lib/filter/input.js';

const record = (index: number): InputRecord => ({ index, line: index + 1, url: `https://a.test/${index}` });
const decision = (url: string): Decision =>
  decide({ url, agent: 'Bot', purpose: 'train-ai', statements: [], errors: [] });

/** A check that settles when the test says so. */
function later(url: string): { promise: Promise<Decision>; settle: () => void } {
  let settle!: () => void;
  const promise = new Promise<Decision>((resolve) => {
    settle = () => resolve(decision(url));
  });
  return { promise, settle };
}

describe('records in input order', () => {
  test('a decided record waits behind a check still running, then both are written in order', async () => {
    const written: number[] = [];
    const records = new InOrder((r) => written.push(r.index));
    const first = later('https://a.test/0');
    records.checking(record(0), first.promise);
    records.decided(record(1), decision('https://a.test/1'));
    expect(written).toEqual([]);
    expect(records.waiting).toBe(2);
    first.settle();
    await records.next();
    expect(written).toEqual([0, 1]);
    expect(records.waiting).toBe(0);
  });

  test('checks settling in reverse order are written in input order; drain writes everything', async () => {
    const written: number[] = [];
    const records = new InOrder((r) => written.push(r.index));
    const checks = [0, 1, 2].map((i) => later(`https://a.test/${i}`));
    for (const [i, check] of checks.entries()) records.checking(record(i), check.promise);
    checks[2]!.settle();
    checks[1]!.settle();
    await Promise.resolve();
    records.flush();
    expect(written).toEqual([]);
    checks[0]!.settle();
    await records.drain();
    expect(written).toEqual([0, 1, 2]);
  });

  test('with nothing waiting, a decided record is written at once and an unreadable one goes through too', () => {
    const written: Array<[number, boolean]> = [];
    const records = new InOrder((r, d) => written.push([r.index, d !== undefined]));
    records.decided(record(0), decision('https://a.test/0'));
    records.decided({ index: 1, line: 2, error: 'no URL' }, undefined);
    expect(written).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(records.waiting).toBe(0);
  });
});
