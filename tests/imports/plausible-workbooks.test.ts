import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import type { ImportReport } from '../../src/imports/report.ts';
import { runImport } from '../../src/imports/run-import.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { filledWorkbook } from '../dashboard/filled-workbook.ts';
import { openTestDatabase } from '../support/database.ts';
import { changzhouWorkbook } from './support/changzhou-table.ts';
import { fillTemplate } from './support/fill-template.ts';
import { lianyungangWorkbook } from './support/lianyungang-table.ts';

/**
 * Every committed workbook the tests import as plausible (templates/, and the sheets tests/ builds from committed
 * tables) goes through the plausibility rules as an import does (a dry run on the seeded catalog): no value is
 * implausible and none breaks a hard limit.
 */
let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await prepareDatabase(database.db);
});
afterAll(async () => {
  await database?.close();
});

const TEMPLATES = join(import.meta.dirname, '../../templates');
const REGION_OF: Record<string, string> = {
  'lianyungang-12fyp': '320700',
  'changzhou-12fyp': '320400',
  'qingdao-12fyp': '370200',
  'jiangsu-12fyp': '320000',
};
const HARD_LIMITS = ['negative_value', 'share_above_100', 'unit_incompatible'];

const dryRun = async (file: Buffer, regionCode: string, planId?: string) =>
  (
    await runImport(database.db, {
      file,
      fileName: 'plausible.xlsx',
      regionCode,
      planId,
      dryRun: true,
      actor: { kind: 'cli', id: 'tester', name: 'tester' },
      now: new Date('2016-03-01T00:00:00Z'),
    })
  ).report;

const flagged = (report: ImportReport) =>
  report.problems
    .filter((p) => p.severity === 'implausible' || HARD_LIMITS.includes(p.code))
    .map((p) => [p.code, p.cells.join(' '), p.message.en]);

describe('the committed workbooks', async () => {
  const templates = (await readdir(TEMPLATES)).filter((name) => name.endsWith('.xlsx'));

  it('are all here: one template per plan', () => {
    expect(templates.sort()).toEqual(
      Object.keys(REGION_OF)
        .map((plan) => `${plan}.xlsx`)
        .sort(),
    );
  });

  it.each(templates)('template %s as committed: nothing flagged', async (name) => {
    const plan = name.replace(/\.xlsx$/, '');
    const report = await dryRun(await readFile(join(TEMPLATES, name)), REGION_OF[plan] as string, plan);
    expect(flagged(report)).toEqual([]);
  });

  it.each(templates)('template %s filled in for 2011–2014: nothing flagged', async (name) => {
    const plan = name.replace(/\.xlsx$/, '');
    const region = REGION_OF[plan] as string;
    const { file, written } = await fillTemplate(await readFile(join(TEMPLATES, name)), '主要指标', region);
    const report = await dryRun(file, region, plan);
    expect(written.length).toBeGreaterThan(0);
    expect(report.counts.observations).toBeGreaterThanOrEqual(written.length);
    expect(flagged(report)).toEqual([]);
  });

  it('连云港 附件1 as printed (tests/imports/support/lianyungang-table.ts): nothing flagged', async () => {
    const report = await dryRun(await lianyungangWorkbook(), '320700');
    expect(report.counts.observations).toBeGreaterThan(90);
    expect(flagged(report)).toEqual([]);
  });

  it('常州 附件 as printed (tests/imports/support/changzhou-table.ts): nothing flagged', async () => {
    const report = await dryRun(await changzhouWorkbook(), '320400');
    expect(report.counts.observations).toBeGreaterThan(50);
    expect(flagged(report)).toEqual([]);
  });

  it('the dashboard test’s workbook: only the slip it types on purpose (4,200,000 G meant 420)', async () => {
    const filled = await filledWorkbook();
    const report = await dryRun(filled.buffer, '320700', 'lianyungang-12fyp');
    expect(report.problems.map((p) => [p.code, p.cells, p.implausible?.expected])).toEqual([
      ['value_implausible', [filled.cellOf('internet-egress-bandwidth', 2014)], '420？'],
    ]);
  });
});
