// A statement sent often (an append) is worth preparing once per connection: the server then skips parsing and
// planning it. Marking is done in the text itself, so the statement goes through Kysely unchanged; the pg driver
// (connect-postgres.ts) prepares marked statements under their name, and PGlite runs them as plain text.
const MARK = '/* prepared:';

/** `text` marked to be prepared as `name` (a constant statement: one text per name in a process). */
export function preparedStatement(name: string, text: string): string {
  return `${MARK}${name} */ ${text}`;
}

/** The name a statement's text was marked with, if any. */
export function preparedName(text: string): string | undefined {
  if (!text.startsWith(MARK)) return undefined;
  return text.slice(MARK.length, text.indexOf(' */', MARK.length));
}

const preparing = new WeakSet<object>();

/** Records that a database's driver prepares marked statements (pg does; PGlite runs them as text). */
export function markPreparesStatements(db: object): void {
  preparing.add(db);
}

/** Whether marked statements sent on `db` are prepared once per connection, not planned on every run. */
export function preparesStatements(db: object): boolean {
  return preparing.has(db);
}
