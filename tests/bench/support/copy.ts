import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The floor of writing rows: PostgreSQL's COPY into a bare table (no index, no trigger), from text rows. The rows
 * are encoded before the clock starts, so the floor is the server's, not the generator's. Returns rows per second.
 */
export async function copyIntoBareTable(url: string, table: string, columns: string, rows: Iterable<string>) {
  // In chunks of about 1 MB: a stream chunk per row would measure Node's streams, not COPY.
  const chunks: string[] = [];
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    chunk += `${row}\n`;
    count++;
    if (chunk.length > 1 << 20) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  chunks.push(chunk);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (${columns})`);
    const started = performance.now();
    await pipeline(chunks, client.query(copyFrom(`COPY ${table} FROM STDIN`)));
    return count / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}
