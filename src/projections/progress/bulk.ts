import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { chunks } from './pairs.ts';

export type ColumnKind = 'text' | 'int' | 'float8' | 'json';

const cast: Record<ColumnKind, string> = { text: '', int: '::int', float8: '::float8', json: '::json' };

/**
 * Inserts many rows in one statement per 2,000: the rows travel as one jsonb parameter, parsed once and
 * unpacked with jsonb_array_elements, far cheaper than binding nine parameters a row (5,000 series values: about
 * 0.4 s instead of 1.2 s). A json column's value travels as a string and is cast back, so the text stored is
 * exactly the text given (jsonb would reorder its keys). Optionally an upsert on `conflict`.
 */
export async function insertMany(
  db: Kysely<Database>,
  table: keyof Database,
  columns: Record<string, ColumnKind>,
  rows: readonly Record<string, unknown>[],
  conflict?: { keys: readonly string[]; update: readonly string[] },
): Promise<void> {
  const names = Object.keys(columns);
  // biome-ignore lint/suspicious/noExplicitAny: the column list is dynamic; the table is typed by the caller
  const loose = db as unknown as Kysely<any>;
  for (const chunk of chunks(rows, 2_000)) {
    const payload = JSON.stringify(chunk);
    const select = loose
      .selectFrom(sql`jsonb_array_elements(${payload}::jsonb)`.as('e'))
      .select(names.map((name) => sql.raw(`(e.value->>'${name}')${cast[columns[name] ?? 'text']}`).as(name)));
    let insert = loose.insertInto(table).columns(names).expression(select);
    if (conflict) {
      insert = insert.onConflict((oc) =>
        oc
          .columns(conflict.keys as string[])
          .doUpdateSet((eb) => Object.fromEntries(conflict.update.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      );
    }
    await insert.execute();
  }
}
