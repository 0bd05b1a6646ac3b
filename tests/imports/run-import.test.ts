import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { insertImport } from '../../src/imports/imports-table.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/imports/limits.ts';
import { runImport } from '../../src/imports/run-import.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { openTestDatabase } from '../support/database.ts';
import { changzhouWorkbook } from './support/changzhou-table.ts';
import { fillTemplate } from './support/fill-template.ts';
import { lianyungangWorkbook } from './support/lianyungang-table.ts';

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await prepareDatabase(database.db);
});
afterAll(async () => {
  await database?.close();
});

const actor = { kind: 'cli', id: 'tester', name: 'npm run import (tester)' } as const;

describe('runImport', () => {
  it('records the time it is given, not a clock of its own', async () => {
    const now = new Date('2014-03-31T09:30:00+08:00');
    const { report } = await runImport(database.db, {
      file: await lianyungangWorkbook(),
      fileName: 'lyg.xlsx',
      regionCode: '320700',
      dryRun: false,
      actor,
      now,
    });
    expect(report.status).toBe('imported');
    const event = await database.db
      .selectFrom('events')
      .select(['data', 'metadata'])
      .where('event_type', '=', 'ValueReported')
      .orderBy('position', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.metadata).toMatchObject({ occurredAt: now.toISOString(), actor });
    expect(event.data).toMatchObject({ source: { importId: report.importId } });
    const record = await database.db
      .selectFrom('imports')
      .select(['imported_at', 'status', 'plan_id'])
      .where('import_id', '=', report.importId)
      .executeTakeFirstOrThrow();
    expect(new Date(record.imported_at).toISOString()).toBe(now.toISOString());
    expect(record).toMatchObject({ status: 'imported', plan_id: 'lianyungang-12fyp' });
  });

  it('lets only one of two uploads of a file in: the other waits on the unique index and is its duplicate', async () => {
    const file = await lianyungangWorkbook({
      edit: (sheet) => {
        sheet.getCell('E3').value = 0.65;
      },
    });
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(file).digest('hex');
    // A concurrent import holds the record of this file in an open transaction while ours starts.
    let ours: ReturnType<typeof runImport> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await insertImport(trx, {
        importId: 'held-by-another-upload',
        regionCode: '320700',
        planId: 'lianyungang-12fyp',
        fileName: 'other.xlsx',
        fileSha256: sha,
        fileSize: file.length,
        status: 'imported',
        actor,
        importedAt: new Date().toISOString(),
        report: {
          importId: 'held-by-another-upload',
          status: 'imported',
          counts: { observations: 0, new: 0, revised: 0, unchanged: 0, targets: 0, problems: 0 },
          observations: [],
          problems: [],
        },
      });
      ours = runImport(database.db, {
        file,
        fileName: 'ours.xlsx',
        regionCode: '320700',
        dryRun: false,
        actor,
        now: new Date(),
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    const before = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const { report } = await (ours as ReturnType<typeof runImport>);
    expect(report).toMatchObject({ status: 'duplicate', importId: 'held-by-another-upload' });
    const after = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('reads a template the same with the streaming reader as with the full one (templates have no merged cells)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { file } = await fillTemplate(
      await readFile('templates/changzhou-12fyp.xlsx'),
      '主要指标',
      '320400',
    );
    const dryRun = (streamingAboveBytes: number) =>
      runImport(database.db, {
        file,
        fileName: 'cz.xlsx',
        regionCode: '320400',
        dryRun: true,
        actor,
        now: new Date(),
        limits: { ...DEFAULT_IMPORT_LIMITS, streamingAboveBytes },
      });
    const [full, streamed] = [await dryRun(DEFAULT_IMPORT_LIMITS.streamingAboveBytes), await dryRun(0)];
    expect([full.reader, streamed.reader]).toEqual(['full', 'streaming']);
    expect(full.report.problems).toEqual([]);
    expect(streamed.report.observations).toEqual(full.report.observations);
    expect(streamed.report.problems).toEqual([]);
  });

  it('still reads a printed table streamed, merges lost: sub-rows by their labels, 省 and 市 columns', async () => {
    const file = await changzhouWorkbook();
    const { report, reader } = await runImport(database.db, {
      file,
      fileName: 'cz.xlsx',
      regionCode: '320400',
      dryRun: true,
      actor,
      now: new Date(),
      limits: { ...DEFAULT_IMPORT_LIMITS, streamingAboveBytes: 0 },
    });
    expect(reader).toBe('streaming');
    const full = await runImport(database.db, {
      file,
      fileName: 'cz.xlsx',
      regionCode: '320400',
      dryRun: true,
      actor,
      now: new Date(),
    });
    expect(report.observations).toEqual(full.report.observations);
  });
});
