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
 * Writes rows into a table nobody reads yet (a rebuild's fresh one), `size` rows a statement. Where the engine
 * has COPY, each row goes straight into the text of one COPY (no unnest, no casts, the server parses each row
 * once). Elsewhere each column of a chunk travels as one parameter and unnest turns the columns back into rows,
 * so there is no parameter per row and no JSON to parse per row. A json column travels as text and is cast, so
 * the stored text is exactly the text given. Rows are taken lazily from `rows`, so a million of them never sit
 * in memory as row objects at once.
 */
export async function loadRows(
  db: Kysely<Database>,
  table: keyof Database,
  columns: Record<string, LoadKind>,
  rows: Iterable<Record<string, unknown>>,
  size = 2_000,
): Promise<number> {
  const names = Object.keys(columns);
  // biome-ignore lint/suspicious/noExplicitAny: the column list is dynamic; the table is typed by the caller
  const loose = db as unknown as Kysely<any>;
  if (copiesFromStdin(db)) {
    const statement = copyFromStdin(qualifiedName(loose, table), names);
    return inChunks(rows, size, copyLine(names), (text) =>
      db.executeQuery(CompiledQuery.raw(statement, [text])).then(() => {}),
    );
  }
  const kinds = names.map((name) => columns[name] ?? 'text');
  const select = sql.join(
    names.map((name, i) =>
      kinds[i] === 'json' || kinds[i] === 'jsonb' ? sql`${sql.id(name)}::${sql.raw(kinds[i])}` : sql.id(name),
    ),
  );
  let arrays: unknown[][] = names.map(() => []);
  return inChunks(
    rows,
    size,
    (row) => {
      for (let i = 0; i < names.length; i++) arrays[i]?.push(row[names[i] as string] ?? null);
      return '';
    },
    async () => {
      const unnest = sql.join(arrays.map((values, i) => columnParameter(values, kinds[i] ?? 'text')));
      arrays = names.map(() => []);
      await loose
        .insertInto(table)
        .columns(names)
        .expression(
          sql`SELECT ${select} FROM unnest(${unnest}) AS u(${sql.join(names.map((n) => sql.id(n)))})`,
        )
        .execute();
    },
  );
}

/**
 * Takes rows `size` at a time, each encoded by `encode` into the chunk's text, and hands each chunk to `flush`;
 * one statement stays in flight while the next chunk is put together (the server inserts as this process
 * encodes). Returns the number of rows.
 */
async function inChunks(
  rows: Iterable<Record<string, unknown>>,
  size: number,
  encode: (row: Record<string, unknown>) => string,
  flush: (text: string) => Promise<void>,
): Promise<number> {
  let inFlight: Promise<void> = Promise.resolve();
  let text = '';
  let count = 0;
  let written = 0;
  try {
    for (const row of rows) {
      text += encode(row);
      if (++count === size) {
        await inFlight;
        inFlight = flush(text);
        written += count;
        text = '';
        count = 0;
      }
    }
  } finally {
    // Never leave a statement running (or its failure unobserved) behind the caller's back.
    await inFlight.catch(() => {});
  }
  await inFlight;
  if (count > 0) {
    await flush(text);
    written += count;
  }
  return written;
}

/** A row as one line of COPY's text format: a value's text as given (escaped), null as \\N. */
function copyLine(names: readonly string[]): (row: Record<string, unknown>) => string {
  return (row) => {
    let line = '';
    for (let c = 0; c < names.length; c++) {
      const value = row[names[c] as string] ?? null;
      if (c > 0) line += '\t';
      line +=
        value === null ? '\\N' : typeof value === 'number' ? String(value) : escapeCopyText(String(value));
    }
    return `${line}\n`;
  };
}

const COPY_SPECIAL = /[\\\t\n\r]/;
/** copyField of a text, without its replace for the many (JSON documents among them) that need no escape. */
const escapeCopyText = (text: string) => (COPY_SPECIAL.test(text) ? copyField(text) : text);

/** The table as Kysely names it, with the schema of `withSchema` (a rebuild's fresh tables) when there is one. */
// biome-ignore lint/suspicious/noExplicitAny: any table of the database
function qualifiedName(db: Kysely<any>, table: string): string {
  const { sql: text } = db.selectFrom(table).selectAll().compile();
  return text.slice(text.lastIndexOf(' from ') + ' from '.length);
}
