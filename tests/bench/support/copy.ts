import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The floor of writing rows: PostgreSQL's COPY into a bare table (no index, no trigger), from text rows.
 * Returns rows per second.
 */
export async function copyIntoBareTable(url: string, table: string, columns: string, rows: Iterable<string>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (${columns})`);
    const started = performance.now();
    let count = 0;
    const lines = (function* () {
      for (const row of rows) {
        count++;
        yield `${row}\n`;
      }
    })();
    await pipeline(lines, client.query(copyFrom(`COPY ${table} FROM STDIN`)));
    return count / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}
