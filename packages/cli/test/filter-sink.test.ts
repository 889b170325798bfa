// The filter's output files: what is written is exactly the UTF-8 of the text,
// and the byte count a checkpoint records is the file's length.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Sink } from '../src/lib/filter/sink.js';
import { tempDir } from './io.js';

const tmp = tempDir();

describe('filter sink', () => {
  test('multi-byte text over many batches is written whole and counted in bytes', () => {
    const path = join(tmp.dir, 'sink.txt');
    const sink = new Sink(path);
    let expected = '';
    for (let i = 0; i < 5000; i++) {
      // ASCII, 2-, 3- and 4-byte characters, and lines long enough to cross the 64 KiB batches.
      const line = `${i} é € 😀 ${'x'.repeat(i % 97)}\n`;
      sink.write(line);
      expected += line;
    }
    const counted = sink.bytes;
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(counted).toBe(Buffer.byteLength(expected));
    expect(statSync(path).size).toBe(counted);
  });

  test('reopening keeps the first bytes and appends after them', () => {
    const path = join(tmp.dir, 'keep.txt');
    const first = new Sink(path);
    first.write('ünïcode\nsecond\n');
    first.close();
    const kept = Buffer.byteLength('ünïcode\n');
    const again = new Sink(path, kept);
    again.write('third ✓\n');
    again.close();
    expect(readFileSync(path, 'utf8')).toBe('ünïcode\nthird ✓\n');
  });
});
