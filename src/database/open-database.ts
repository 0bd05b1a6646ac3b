import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface OpenDatabase {
  db: Kysely<Database>;
  /** 'pglite' (embedded, one connection) or 'postgres' (a server, a pool). */
  engine: 'pglite' | 'postgres';
  /** The embedded database itself, when it is one (to dump or inspect it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const INT8 = 20;
// count(*) and bigint columns: PGlite gives numbers (BigInt past 2^53), pg gives strings. Positions and counts
// stay far below 2^53, so both become plain numbers here and nowhere else.
export const int8AsNumber = (value: string) => Number(value);
