import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { getImport } from '../../src/imports/imports-table.ts';
import { REPORT_OBSERVATIONS } from '../../src/imports/report.ts';
import { runImport } from '../../src/imports/run-import.ts';
import { IMPORT_PLAN, IMPORT_REGION, prepare, sheetLines } from '../bench/import.ts';
import { type SheetLine, writeSheet } from '../bench/support/workbook.ts';
import { openTestDatabase } from '../support/database.ts';

/** 2,400 rows × 5 years: 12,000 values, more than one chunk (5,000) and more than a report lists. */
const ROWS = 2_400;
const VALUES = ROWS * 5;
const actor = { kind: 'cli', id: 'tester', name: 'npm run import (tester)' } as const;

let database: OpenDatabase;
let dir: string;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  await prepare(database.db, ROWS);
  dir = await mkdtemp(join(tmpdir(), 'plan-monitor-chunks-'));
}, 120_000);
afterAll(async () => {
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function sheet(name: string, edit: (line: SheetLine, n: number) => SheetLine = (line) => line) {
  const path = join(dir, name);
  await writeSheet(path, [...sheetLines(ROWS)].map(edit));
  return readFile(path);
}

const importFile = (file: Buffer, dryRun = false) =>
  runImport(database.db, {
    file,
    fileName: 'national.xlsx',
    regionCode: IMPORT_REGION,
    planId: IMPORT_PLAN,
    dryRun,
    actor,
    now: new Date('2016-03-01T00:00:00Z'),
  });

const countEvents = async () =>
  Number(
    (
      await database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('event_type', 'in', ['ValueReported', 'ValueRevised'])
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('an import larger than a chunk', () => {
  it('given an error in the last row, when imported, then nothing of the chunks before it is written', async () => {
    const file = await sheet('bad.xlsx', (line, n) =>
      n === ROWS - 1 ? { ...line, values: [...line.values.slice(0, 4), -1] } : line,
    );
    const { report } = await importFile(file);
    expect(report.status).toBe('rejected');
    expect(report.problems.map((p) => [p.code, p.cells])).toEqual([
      ['negative_value', [`指标!H${ROWS + 1}`]],
    ]);
    expect(await countEvents()).toBe(0);
    // Kept in the history as a failed try (issue 17), with its report: no imported record, no events.
    const kept = await getImport(database.db, report.importId);
    expect([kept?.status, kept?.report]).toEqual(['rejected', report]);
  }, 120_000);

  it('given a dry run, when decided, then every value is new and nothing is written', async () => {
    const { report } = await importFile(await sheet('dry.xlsx'), true);
    expect([report.status, report.counts.new, report.counts.observations]).toEqual([
      'dry-run',
      VALUES,
      VALUES,
    ]);
    expect(await countEvents()).toBe(0);
  }, 120_000);

  it('given a good sheet, when imported, then every value is an event and the report lists the first 10,000', async () => {
    const { report } = await importFile(await sheet('good.xlsx'));
    expect(report.status).toBe('imported');
    expect(report.counts).toEqual({
      observations: VALUES,
      new: VALUES,
      revised: 0,
      unchanged: 0,
      targets: 0,
      problems: 0,
    });
    expect(report.observations).toHaveLength(REPORT_OBSERVATIONS);
    expect(report.observations[0]?.cell).toBe('指标!D2');
    expect(report.observationsOmitted).toBe(VALUES - REPORT_OBSERVATIONS);
    expect(await countEvents()).toBe(VALUES);
    expect((await getImport(database.db, report.importId))?.report).toEqual(report);
  }, 120_000);

  it('given the same rows again with one value changed in each chunk, then revised and unchanged add up', async () => {
    const changed = new Set([0, 1_500, ROWS - 1]);
    const file = await sheet('revised.xlsx', (line, n) =>
      changed.has(n) ? { ...line, values: line.values.map((v) => v + 1) } : line,
    );
    const { report } = await importFile(file);
    expect(report.counts).toMatchObject({
      new: 0,
      revised: changed.size * 5,
      unchanged: VALUES - changed.size * 5,
    });
  }, 120_000);
});
