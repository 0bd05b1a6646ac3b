import type { PGlite } from '@electric-sql/pglite';
import { copyStatement } from './copy-from.ts';

/** Lets an embedded database run marked COPY statements (copy-from.ts), reading the rows as PGlite's '/dev/blob'. */
export function runCopyFromBlob(client: PGlite): void {
  const query = client.query.bind(client) as PGlite['query'];
  client.query = ((text: string, values?: unknown[], options?: object) => {
    const statement = copyStatement(text);
    if (!statement) return query(text, values, options);
    const [rows] = values as [string];
    return query(statement.replace(/FROM STDIN$/, "FROM '/dev/blob'"), [], {
      ...options,
      blob: new Blob([rows]),
    });
  }) as PGlite['query'];
}
