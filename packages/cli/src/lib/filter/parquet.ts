import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { type BasicType, fileWriter, parquetWriteRows } from 'hyparquet-writer';

/** A Parquet cell as JSON can carry it: 64-bit integers and dates become strings. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/**
 * Stream the rows of a Parquet file one row group at a time (memory bounded
 * by the largest row group), starting at row `from`.
 */
export async function* readParquetRows(path: string, from = 0): AsyncGenerator<Record<string, unknown>> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    if (groupEnd > from) {
      const rows = await parquetReadObjects({
        file,
        metadata,
        rowStart: Math.max(from, groupStart),
        rowEnd: groupEnd,
      });
      for (const row of rows) {
        const safe: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(row)) safe[key] = jsonSafe(value);
        yield safe;
      }
    }
    groupStart = groupEnd;
  }
}

function parquetType(value: unknown): BasicType {
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return 'DOUBLE';
  if (typeof value === 'string') return 'STRING';
  return 'JSON';
}

async function* spoolRows(spool: string): AsyncGenerator<Record<string, unknown>> {
  const reader = createInterface({ input: createReadStream(spool), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of reader) if (line) yield JSON.parse(line) as Record<string, unknown>;
}

/**
 * Turn a spool of JSON rows (one object a line, as `filter` appends them so a
 * run can resume) into a Parquet file, one row group at a time. Column names
 * and types come from the first row.
 */
export async function spoolToParquet(spool: string, target: string): Promise<number> {
  let first: Record<string, unknown> | undefined;
  for await (const row of spoolRows(spool)) {
    first = row;
    break;
  }
  const columns = Object.entries(first ?? { url: '' }).map(([name, value]) => ({
    name,
    type: parquetType(value),
    nullable: true,
  }));
  let count = 0;
  async function* counted(): AsyncGenerator<Record<string, unknown>> {
    for await (const row of spoolRows(spool)) {
      count++;
      yield row;
    }
  }
  await parquetWriteRows({ writer: fileWriter(target), rows: counted(), columns, rowGroupSize: 100_000 });
  return count;
}
