import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { streams } from '../../src/domain/events.ts';
import { insertImport } from '../../src/imports/imports-table.ts';
import { seriesHistory } from '../../src/imports/value-history.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { appendToStream } from '../../src/store/index.ts';
import { openTestDatabase } from '../support/database.ts';

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await prepareDatabase(database.db);
});
afterAll(async () => {
  await database?.close();
});

const actor = { kind: 'cli', id: 'tester', name: 'npm run import (tester)' } as const;
const HASH = 'b'.repeat(64);

function reported(year: number, value: number, source: Record<string, unknown>) {
  return {
    type: 'ValueReported',
    data: {
      regionCode: '320700',
      indicatorCode: 'broadband-subscribers',
      part: null,
      year,
      comparator: 'eq',
      value,
      unit: '万户',
      source: { kind: 'workbook', sheet: '附件1', cell: 'G16', printed: String(value), ...source },
    },
    metadata: { actor, occurredAt: '2014-03-31T01:30:00.000Z' },
  };
}

describe('the history of a series', () => {
  it('names the file of an imported value from its import record, and of an earlier one from the event', async () => {
    // Given a value recorded before the import record alone held the file (the file in the event), and one
    // recorded since (the event names only its import)
    await insertImport(database.db, {
      importId: 'import-since',
      regionCode: '320700',
      planId: 'lianyungang-12fyp',
      fileName: '连云港2013.xlsx',
      fileSha256: HASH,
      fileSize: 1,
      status: 'imported',
      actor,
      importedAt: '2014-03-31T01:30:00.000Z',
      report: {
        importId: 'import-since',
        status: 'imported',
        counts: { observations: 1, new: 1, revised: 0, unchanged: 0, targets: 0, problems: 0 },
        observations: [],
        problems: [],
      },
    });
    const stream = streams.series('320700', 'broadband-subscribers');
    const earlier = reported(2012, 60, {
      importId: 'import-before',
      file: '连云港2012.xlsx',
      sha256: 'a'.repeat(64),
    });
    const since = reported(2013, 72, { importId: 'import-since' });
    await appendToStream(database.db, stream, 'any', [earlier, since]);

    // When the history is read
    const { entries } = await seriesHistory(database.db, '320700', 'broadband-subscribers');

    // Then each value names its file and hash, wherever they were said
    const byYear = new Map(entries.map((entry) => [entry.year, entry]));
    expect(byYear.get(2012)).toMatchObject({
      importId: 'import-before',
      file: '连云港2012.xlsx',
      cell: '附件1!G16',
      source: { file: '连云港2012.xlsx', sha256: 'a'.repeat(64) },
    });
    expect(byYear.get(2013)).toMatchObject({
      importId: 'import-since',
      file: '连云港2013.xlsx',
      cell: '附件1!G16',
      source: { kind: 'workbook', importId: 'import-since', file: '连云港2013.xlsx', sha256: HASH },
    });
  });
});
