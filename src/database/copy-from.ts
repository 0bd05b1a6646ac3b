// COPY … FROM STDIN through Kysely. Kysely sends `client.query(text, values)`; a statement marked here goes to the
// engine's bulk path instead, with its one parameter as the rows (PostgreSQL's text format): the pg driver streams
// it (pg-copy-streams, connect.ts), PGlite reads it as '/dev/blob'. An engine without a bulk path (Workers) is never
// registered, and callers fall back to INSERT.
const MARK = '/* copy-from-stdin */ ';

/** `COPY table (columns) FROM STDIN`, marked for the engines' bulk path; run it with the rows as its parameter. */
export function copyFromStdin(table: string, columns: readonly string[]): string {
  return `${MARK}COPY ${table} (${columns.join(', ')}) FROM STDIN`;
}

/** The COPY statement of a marked text, or undefined for any other statement. */
export function copyStatement(text: string): string | undefined {
  return text.startsWith(MARK) ? text.slice(MARK.length) : undefined;
}

/** A field of COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

// Kept by dialect adapter: a transaction is a Kysely of its own but shares its database's adapter.
const copying = new WeakSet<object>();
type WithAdapter = { getExecutor(): { adapter: object } };

/** Records that a database's driver runs marked COPY statements. */
export function markCopiesFromStdin(db: WithAdapter): void {
  copying.add(db.getExecutor().adapter);
}

/** Whether marked COPY statements sent on `db` (or a transaction of it) reach the engine's bulk path. */
export function copiesFromStdin(db: WithAdapter): boolean {
  return copying.has(db.getExecutor().adapter);
}
