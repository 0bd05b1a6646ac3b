import { CompiledQuery, type Kysely, sql } from 'kysely';
import { copiesFromStdin, copyField, copyFromStdin } from '../database/copy-from.ts';
import type { Database } from '../database/schema.ts';

export type LoadKind = 'text' | 'int' | 'float8' | 'json' | 'jsonb';

const arrayType: Record<LoadKind, string> = {
  text: 'text[]',
  int: 'int[]',
  float8: 'float8[]',
  json: 'text[]',
  jsonb: 'text[]',
};

const LINE = '\n';
const NULL = '\\N';

/**
 * One column of a chunk as one parameter. Usually its values joined by newlines, split back by string_to_array
 * on the server: no escaping on either side (an array parameter costs the driver a regex escape of every quote,
 * about 30 µs a series value document; JSON text never holds a raw newline). A column where a value holds a
 * newline or reads as the null marker, or a lone '' (which string_to_array makes an empty array), goes as an array.
 */
export function columnParameter(values: unknown[], kind: LoadKind) {
  const type = sql.raw(arrayType[kind]);
  const joinable = values.every(
    (v) => v === null || typeof v === 'number' || (typeof v === 'string' && v !== NULL && !v.includes(LINE)),
  );
  const text = joinable ? values.map((v) => (v === null ? NULL : String(v))).join(LINE) : '';
  if (!joinable || text === '') return sql`${values}::${type}`;
  return sql`string_to_array(${text}::text, ${LINE}::text, ${NULL}::text)::${type}`;
}

/** Rows made one at a time as loadRows takes them, so a table's rows never sit in memory all at once. */
export function* mapped<T, R>(items: Iterable<T>, map: (item: T) => R): Generator<R> {
  for (const item of items) yield map(item);
}

/**
 * Writes rows into a table nobody reads yet (a rebuild's fresh one), `size` rows a statement: each column
 * travels as one parameter and unnest turns the columns back into rows, so there is no parameter per row and no
 * JSON to parse per row. A json column travels as text and is cast, so the stored text is exactly the text given.
 * Rows are taken lazily from `rows`, so a million of them never sit in memory as row objects at once.
 */
export async function loadRows(
  db: Kysely<Database>,
  table: keyof Database,
  columns: Record<string, LoadKind>,
  rows: Iterable<Record<string, unknown>>,
  size = 10_000,
): Promise<number> {
  const names = Object.keys(columns);
  const kinds = names.map((name) => columns[name] ?? 'text');
  const select = sql.join(
    names.map((name, i) =>
      kinds[i] === 'json' || kinds[i] === 'jsonb' ? sql`${sql.id(name)}::${sql.raw(kinds[i])}` : sql.id(name),
    ),
  );
  // biome-ignore lint/suspicious/noExplicitAny: the column list is dynamic; the table is typed by the caller
  const loose = db as unknown as Kysely<any>;
  let written = 0;
  const copy = copiesFromStdin(db) ? copyFromStdin(qualifiedName(loose, table), names) : undefined;
  const flush = async (arrays: unknown[][]) => {
    // COPY where the engine has it: no unnest, no casts, the server parses each row once.
    if (copy) return copyColumns(db, copy, arrays);
    const unnest = sql.join(arrays.map((values, i) => columnParameter(values, kinds[i] ?? 'text')));
    await loose
      .insertInto(table)
      .columns(names)
      .expression(sql`SELECT ${select} FROM unnest(${unnest}) AS u(${sql.join(names.map((n) => sql.id(n)))})`)
      .execute();
  };
  // One statement in flight while the next chunk is put together: the server inserts as this process encodes.
  let inFlight: Promise<void> = Promise.resolve();
  let arrays: unknown[][] = names.map(() => []);
  let count = 0;
  try {
    for (const row of rows) {
      for (let i = 0; i < names.length; i++) arrays[i]?.push(row[names[i] as string] ?? null);
      if (++count === size) {
        await inFlight;
        inFlight = flush(arrays);
        written += count;
        arrays = names.map(() => []);
        count = 0;
      }
    }
  } finally {
    // Never leave a statement running (or its failure unobserved) behind the caller's back.
    await inFlight.catch(() => {});
  }
  await inFlight;
  if (count > 0) {
    await flush(arrays);
    written += count;
  }
  return written;
}

/** The table as Kysely names it, with the schema of `withSchema` (a rebuild's fresh tables) when there is one. */
// biome-ignore lint/suspicious/noExplicitAny: any table of the database
function qualifiedName(db: Kysely<any>, table: string): string {
  const { sql: text } = db.selectFrom(table).selectAll().compile();
  return text.slice(text.lastIndexOf(' from ') + ' from '.length);
}

/** A chunk's columns as the rows of one COPY (text format: a value's text as given, null as \\N). */
async function copyColumns(db: Kysely<Database>, statement: string, arrays: unknown[][]): Promise<void> {
  const rows = arrays[0]?.length ?? 0;
  const lines: string[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < arrays.length; c++) {
      const value = arrays[c]?.[r] ?? null;
      line += `${c === 0 ? '' : '\t'}${copyField(value === null || typeof value === 'number' ? value : String(value))}`;
    }
    lines[r] = `${line}\n`;
  }
  await db.executeQuery(CompiledQuery.raw(statement, [lines.join('')]));
}
