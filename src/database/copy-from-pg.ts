import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement } from './copy-from.ts';

/**
 * Lets a pool's client run marked COPY statements (copy-from.ts): the statement's one parameter, the rows in COPY's
 * text format, is streamed with pg-copy-streams. Node only: the Workers entry never registers it.
 */
export function runCopyFromStdin(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const statement = typeof config === 'string' ? copyStatement(config) : undefined;
    if (!statement) return query(config, values, callback);
    const [rows] = values as [string | Buffer];
    const stream = client.query(copyFrom(statement));
    return pipeline([rows], stream).then(() => ({ command: 'COPY', rowCount: stream.rowCount, rows: [] }));
  }) as typeof client.query;
}
