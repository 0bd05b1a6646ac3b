import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { catalogProjection } from '../../src/projections/catalog/apply.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { openTestDatabase } from '../support/database.ts';

const registerRegion = (code: string, name: string) => ({
  type: 'RegisterRegion' as const,
  data: { code, name, level: 'county' as const, parentCode: '320700' },
  metadata: { actor: { kind: 'cli' as const, id: 'test', name: 'test' }, occurredAt: '2026-11-22T00:00:00Z' },
});

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'catching up after a write (PostgreSQL only: needs concurrent sessions)',
  () => {
    let database: OpenDatabase;
    beforeAll(async () => {
      database = await openTestDatabase();
      await catchUpAll(database.db, [catalogProjection]);
    });
    afterAll(() => database.close());

    it('given an older transaction still open on the server, when a write catches up, then it waits for it and sees the write', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const older = database.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_current_xact_id()`.execute(trx); // an xid older than the write's
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));

      await handleCommands(database.db, [registerRegion('320703', '连云区')]);
      setTimeout(release, 400);
      const started = Date.now();
      await catchUpAll(database.db, [catalogProjection]);
      const waited = Date.now() - started;
      await older;

      const rows = await database.db
        .selectFrom('catalog_regions')
        .select('name')
        .where('code', '=', '320703')
        .execute();
      expect(rows).toEqual([{ name: '连云区' }]);
      expect(waited).toBeGreaterThanOrEqual(300);
    });

    it('given a transaction that never ends in time, when catching up, then it gives up after waitMs instead of hanging', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const older = database.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_current_xact_id()`.execute(trx);
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await handleCommands(database.db, [registerRegion('320706', '海州区')]);
      const started = Date.now();
      await catchUpAll(database.db, [catalogProjection], { waitMs: 300 });
      expect(Date.now() - started).toBeLessThan(3_000);
      release();
      await older;
      await catchUpAll(database.db, [catalogProjection]);
      const rows = await database.db
        .selectFrom('catalog_regions')
        .select('name')
        .where('code', '=', '320706')
        .execute();
      expect(rows).toEqual([{ name: '海州区' }]);
    });
  },
);
