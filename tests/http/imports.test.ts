import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, Observation } from '../../src/imports/report.ts';
import { loadSeedCatalog } from '../../src/seeding/seed-catalog.ts';
import { CHANGZHOU_COLUMNS, CHANGZHOU_ROWS, changzhouWorkbook } from '../imports/support/changzhou-table.ts';
import { expectedObservations, sortObservations } from '../imports/support/expected.ts';
import { fillTemplate } from '../imports/support/fill-template.ts';
import {
  LIANYUNGANG_ROWS,
  LIANYUNGANG_YEARS,
  lianyungangRowNumber,
  lianyungangWorkbook,
} from '../imports/support/lianyungang-table.ts';
import { compoundFile, deflatedZeros, makeZip, WORKBOOK_PARTS } from '../imports/support/zip.ts';
import { ADMIN_TOKEN, type HttpFixture, openHttpFixture, problemOf } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(async () => {
  await fixture?.close();
});

function upload(
  file: Buffer,
  fields: { region: string; plan?: string; dryRun?: string; name?: string },
  token: string | null = ADMIN_TOKEN,
) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], fields.name ?? 'upload.xlsx'));
  form.set('region', fields.region);
  if (fields.plan) form.set('plan', fields.plan);
  if (fields.dryRun) form.set('dryRun', fields.dryRun);
  return fixture.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

async function reportOf(response: Response): Promise<ImportReport> {
  return (await response.json()) as ImportReport;
}

async function eventCount(): Promise<number> {
  const row = await fixture.database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Imported files recorded (a rejected upload or a dry run is kept in the history too, as `status`). */
async function importCount(status: 'imported' | 'rejected' | 'dry-run' = 'imported'): Promise<number> {
  const row = await fixture.database.db
    .selectFrom('imports')
    .where('status', '=', status)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const lianyungangExpected = () =>
  expectedObservations(LIANYUNGANG_ROWS, {
    sheet: '附件1',
    columns: LIANYUNGANG_YEARS.map((column) => ({ ...column, region: '320700' })),
    rowNumber: (_row, index) => 3 + index,
    firstColumn: 3,
  });

const changzhouExpected = () =>
  expectedObservations(CHANGZHOU_ROWS, {
    sheet: '附件',
    columns: CHANGZHOU_COLUMNS,
    rowNumber: (_row, index) => 3 + index,
    firstColumn: 3,
  });

const actualsOf = (observations: readonly Observation[]) => observations.filter((o) => o.kind === 'actual');

describe('Lianyungang 附件1 as printed', () => {
  let first: ImportReport;
  // exceljs stamps the time into the file: the re-upload must be these very bytes.
  let printed: Buffer;
  beforeAll(async () => {
    printed = await lianyungangWorkbook();
  });

  it('a dry run reads every cell and decides, writing nothing', async () => {
    const before = await eventCount();
    const response = await upload(await lianyungangWorkbook(), { region: '320700', dryRun: 'true' });
    expect(response.status).toBe(200);
    const report = await reportOf(response);
    expect(report.status).toBe('dry-run');
    expect(report.problems).toEqual([]);
    expect(sortObservations(report.observations)).toEqual(lianyungangExpected());
    // The 2010 column repeats the baselines the catalog recorded from the document: unchanged, not new.
    const baselines = actualsOf(report.observations).filter((o) => o.year === 2010).length;
    expect(report.counts).toEqual({
      observations: lianyungangExpected().length,
      new: actualsOf(report.observations).length - baselines,
      revised: 0,
      unchanged: baselines,
      // The counts add up to what was read: the rest are the plan's targets, only compared.
      targets: lianyungangExpected().length - actualsOf(report.observations).length,
      problems: 0,
    });
    expect(report.counts.new + report.counts.revised + report.counts.unchanged + report.counts.targets).toBe(
      report.counts.observations,
    );
    expect(await eventCount()).toBe(before);
    expect(await importCount()).toBe(0);
    expect(await importCount('dry-run')).toBe(1);
  });

  it('imports every observation: one event per new actual value, targets only compared', async () => {
    const before = await eventCount();
    const response = await upload(printed, { region: '320700', name: '连云港2011-2014.xlsx' });
    expect(response.status).toBe(201);
    first = await reportOf(response);
    expect(first.status).toBe('imported');
    expect(response.headers.get('Location')).toBe(`/api/v1/imports/${first.importId}`);
    expect(sortObservations(first.observations)).toEqual(lianyungangExpected());
    const baselines = actualsOf(first.observations).filter((o) => o.year === 2010).length;
    expect(first.counts).toMatchObject({
      new: actualsOf(first.observations).length - baselines,
      unchanged: baselines,
    });
    expect(await eventCount()).toBe(before + first.counts.new);
    const stored = await fixture.app.request(`/api/v1/imports/${first.importId}`);
    expect(stored.status).toBe(200);
    const record = (await stored.json()) as {
      report: ImportReport;
      fileName: string;
      regionCode: string;
      actor: { kind: string };
    };
    expect(record.report).toEqual(first);
    expect(record).toMatchObject({
      fileName: '连云港2011-2014.xlsx',
      regionCode: '320700',
      actor: { kind: 'admin' },
    });
  });

  it('records each value with its provenance, and the projections are current when the import answers', async () => {
    const events = await fixture.database.db
      .selectFrom('events')
      .select(['data', 'metadata', 'position'])
      .where('stream_id', '=', 'series-320700-broadband-subscribers')
      .where('event_type', '=', 'ValueReported')
      .where(sql<boolean>`data->>'year' = '2013'`)
      .execute();
    expect(events).toHaveLength(1);
    const [event] = events;
    const row = lianyungangRowNumber('broadband-subscribers');
    expect(event?.data).toMatchObject({
      value: 72,
      comparator: 'eq',
      unit: '万户',
      source: {
        kind: 'workbook',
        importId: first.importId,
        sheet: '附件1',
        cell: `G${row}`,
        printed: '72',
      },
    });
    // The import and the cell are said once, in data.source; the metadata says who and when; the file and its
    // hash are the import record's, said once for all the file's values.
    expect(event?.metadata).toMatchObject({ actor: { kind: 'admin' } });
    expect(Object.keys(event?.metadata ?? {}).sort()).toEqual(['actor', 'occurredAt']);
    expect(Object.keys(event?.data.source ?? {}).sort()).toEqual([
      'cell',
      'importId',
      'kind',
      'printed',
      'sheet',
    ]);
    const record = await fixture.database.db
      .selectFrom('imports')
      .select(['file_name', 'file_sha256'])
      .where('import_id', '=', first.importId)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({
      file_name: '连云港2011-2014.xlsx',
      file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const last = await fixture.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirstOrThrow();
    const checkpoints = await fixture.database.db
      .selectFrom('projection_checkpoints')
      .select(['projection', 'position'])
      .execute();
    expect(checkpoints.length).toBeGreaterThan(0);
    for (const checkpoint of checkpoints) expect(Number(checkpoint.position)).toBe(Number(last.p));
  });

  it('answers the same file again as a duplicate of the first import, appending nothing', async () => {
    const before = await eventCount();
    const response = await upload(printed, { region: '320700', name: 'again.xlsx' });
    expect(response.status).toBe(200);
    const report = await reportOf(response);
    expect(report).toMatchObject({
      status: 'duplicate',
      importId: first.importId,
      counts: { new: 0, revised: 0 },
    });
    expect(await eventCount()).toBe(before);
    expect(await importCount()).toBe(1);
  });

  it('records a changed value as a revision that keeps the old one in the history', async () => {
    const row = lianyungangRowNumber('broadband-subscribers');
    const file = await lianyungangWorkbook({
      edit: (sheet) => {
        sheet.getCell(`G${row}`).value = 73.5;
      },
    });
    const response = await upload(file, { region: '320700', name: '连云港-更正.xlsx' });
    expect(response.status).toBe(201);
    const report = await reportOf(response);
    expect(report.counts).toMatchObject({
      new: 0,
      revised: 1,
      unchanged: actualsOf(report.observations).length - 1,
    });

    const history = await fixture.app.request(
      '/api/v1/regions/320700/indicators/broadband-subscribers/history',
    );
    expect(history.status).toBe(200);
    const { entries } = (await history.json()) as { entries: Record<string, unknown>[] };
    const of2013 = entries.filter((entry) => entry.year === 2013);
    expect(of2013).toEqual([
      expect.objectContaining({
        type: 'ValueReported',
        value: 72,
        file: '连云港2011-2014.xlsx',
        cell: `附件1!G${row}`,
        importId: first.importId,
        // The event names its import; the history states the file and its hash from the import's record.
        source: expect.objectContaining({
          file: '连云港2011-2014.xlsx',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
        actor: expect.objectContaining({ kind: 'admin' }),
      }),
      expect.objectContaining({
        type: 'ValueRevised',
        value: 73.5,
        previous: { comparator: 'eq', value: 72, unit: '万户' },
        file: '连云港-更正.xlsx',
        cell: `附件1!G${row}`,
        importId: report.importId,
      }),
    ]);
    // The document's 2010 figure is in the same history, cited from the plan.
    expect(entries.find((entry) => entry.year === 2010)).toMatchObject({
      type: 'ValueReported',
      value: 39.64,
      file: '000_7f32ec414e3c4464.txt',
    });
    const csv = await fixture.app.request(
      '/api/v1/regions/320700/indicators/broadband-subscribers/history?format=csv',
    );
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    expect(await csv.text()).toContain('连云港-更正.xlsx');
  });
});

describe('Changzhou 附件 as printed', () => {
  it('reads the sub-rows, both target columns (省 as Jiangsu’s plan and region), and warns only where the catalog now differs', async () => {
    const before = await eventCount();
    const response = await upload(await changzhouWorkbook(), { region: '320400', name: '常州.xlsx' });
    expect(response.status).toBe(201);
    const report = await reportOf(response);
    expect(sortObservations(report.observations)).toEqual(changzhouExpected());
    expect(await eventCount()).toBe(before + report.counts.new);

    // Jiangsu revised some of these targets in 2013 (document 003): the printed 省 column differs from the catalog
    // there, and only there. Nothing else is a problem.
    const plan = (await (await fixture.app.request('/api/v1/plans/jiangsu-12fyp')).json()) as {
      indicators: {
        code: string;
        targets: {
          regionCode: string;
          part: string | null;
          tier: string | null;
          year: number;
          comparator: string;
          value: number;
          basis: string;
        }[];
      }[];
    };
    const differs = new Set<string>();
    for (const o of report.observations.filter((o) => o.kind === 'target' && o.region === '320000')) {
      const target = plan.indicators
        .find((i) => i.code === o.indicator.code)
        ?.targets.find(
          (t) =>
            t.regionCode === '320000' &&
            t.part === o.part &&
            t.tier === o.tier &&
            t.year === 2015 &&
            t.basis === 'level',
        );
      if (!target || target.comparator !== o.comparator || target.value !== o.value) differs.add(o.cell);
    }
    expect(differs.size).toBeGreaterThan(0);
    expect(
      report.problems.every((p) => p.code === 'target_differs_from_catalog' && p.severity === 'warning'),
    ).toBe(true);
    expect(new Set(report.problems.flatMap((p) => p.cells))).toEqual(differs);
    expect(report.problems[0]?.message.en).toContain('this cell was not imported');
  });
});

/** What a template's 2010 and target columns must read as: the seeds' baselines and the plans' current targets. */
async function referenceObservations(
  filled: Awaited<ReturnType<typeof fillTemplate>>,
  region: string,
  sheet: string,
) {
  const seeds = loadSeedCatalog();
  const names = new Map(seeds.indicators.map((i) => [i.code, i.name]));
  const documents = [...seeds.documents].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
  const baselines = new Map<string, Observation>();
  const letter = (column: number) => String.fromCharCode(64 + column);
  const expected: Observation[] = [];
  for (const { row, code, unit, label } of filled.rows) {
    for (const doc of documents) {
      for (const a of doc.actuals) {
        if (a.regionCode !== region || a.indicatorCode !== code || a.year !== 2010) continue;
        baselines.set(`${code}|${a.part}`, {
          region,
          indicator: { code, name: names.get(code) ?? '', unit },
          part: a.part,
          tier: null,
          year: 2010,
          kind: 'actual',
          comparator: a.comparator,
          value: a.value,
          cell: `${sheet}!E${row}`,
          rowLabel: label,
        });
      }
    }
  }
  expected.push(...baselines.values());
  for (const [column, heading] of filled.headings) {
    if (!heading.endsWith('预期目标')) continue;
    const planId = heading.startsWith('省') ? 'jiangsu-12fyp' : await planOfRegion(region);
    const plan = (await (await fixture.app.request(`/api/v1/plans/${planId}`)).json()) as {
      region: { code: string };
      indicators: {
        code: string;
        targets: {
          regionCode: string;
          part: string | null;
          tier: string | null;
          year: number;
          comparator: string;
          value: number;
          upper: number | null;
          basis: string;
        }[];
      }[];
    };
    for (const { row, code, unit, label } of filled.rows) {
      const indicator = plan.indicators.find((i) => i.code === code);
      for (const t of indicator?.targets ?? []) {
        if (t.regionCode !== plan.region.code || t.year !== 2015 || t.basis !== 'level') continue;
        expected.push({
          region: t.regionCode,
          indicator: { code, name: names.get(code) ?? '', unit },
          part: t.part,
          tier: t.tier as Observation['tier'],
          year: 2015,
          kind: 'target',
          comparator: t.comparator as Observation['comparator'],
          value: t.value,
          // a range (3到5) reads back with both bounds
          ...(t.upper === null ? {} : { upper: t.upper }),
          cell: `${sheet}!${letter(column)}${row}`,
          rowLabel: label,
        });
      }
    }
  }
  return expected;
}

async function planOfRegion(region: string): Promise<string> {
  const { plans } = (await (await fixture.app.request('/api/v1/plans')).json()) as {
    plans: { planId: string; region: { code: string } }[];
  };
  const plan = plans.find((p) => p.region.code === region);
  if (!plan) throw new Error(`no plan for ${region}`);
  return plan.planId;
}

describe('the generated templates, downloaded and filled with 2011–2014', () => {
  it.each([
    ['lianyungang-12fyp', '320700'],
    ['changzhou-12fyp', '320400'],
    ['qingdao-12fyp', '370200'],
    ['jiangsu-12fyp', '320000'],
  ])('%s: every cell read back, no problem', async (planId, region) => {
    const download = await fixture.app.request(`/api/v1/plans/${planId}/template`);
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toContain('spreadsheetml');
    const filled = await fillTemplate(Buffer.from(await download.arrayBuffer()), '主要指标', region);
    expect(filled.written.length).toBeGreaterThan(40);
    const before = await eventCount();
    const response = await upload(filled.file, { region, name: `${planId}-filled.xlsx` });
    const report = await reportOf(response);
    expect(report.problems).toEqual([]);
    expect(response.status).toBe(201);
    const expected = sortObservations([
      ...filled.written,
      ...(await referenceObservations(filled, region, '主要指标')),
    ]);
    expect(sortObservations(report.observations)).toEqual(expected);
    expect(report.counts.new + report.counts.revised + report.counts.unchanged).toBe(
      actualsOf(expected).length,
    );
    expect(await eventCount()).toBe(before + report.counts.new + report.counts.revised);
  });
});

describe('files that write nothing', () => {
  it('refuses a partly wrong file whole, listing every problem with its cells', async () => {
    const [before, imports] = [await eventCount(), await importCount()];
    const row = (code: string) => lianyungangRowNumber(code);
    const file = await lianyungangWorkbook({
      edit: (sheet) => {
        sheet.getCell(`F${row('broadband-subscribers')}`).value = new Date('2012-12-31T00:00:00Z');
        sheet.getCell(`F${row('mobile-phone-subscribers')}`).value = new Date('2012-12-31T00:00:00Z');
        sheet.getCell(`G${row('internet-egress-bandwidth')}`).value = {
          error: '#DIV/0!',
        } as ExcelJS.CellErrorValue;
        sheet.getCell(`H${row('certified-software-enterprises')}`).value = -3;
        sheet.getCell(`E${row('cable-tv-household-penetration')}`).value = '约八成';
        sheet.getCell(`B${row('digital-certificates-issued')}`).value = '数字签名证书';
        sheet.getCell(`G${row('campus-network-coverage')}`).value = 130;
      },
    });
    const response = await upload(file, { region: '320700', name: 'wrong.xlsx' });
    expect(response.status).toBe(422);
    const report = await reportOf(response);
    expect(report.status).toBe('rejected');
    const problems = Object.fromEntries(
      report.problems.map((p) => [p.code, { severity: p.severity, cells: p.cells }]),
    );
    expect(problems).toEqual({
      date_not_a_value: {
        severity: 'error',
        cells: [`附件1!F${row('mobile-phone-subscribers')}`, `附件1!F${row('broadband-subscribers')}`],
      },
      spreadsheet_error: { severity: 'error', cells: [`附件1!G${row('internet-egress-bandwidth')}`] },
      unreadable_value: { severity: 'error', cells: [`附件1!E${row('cable-tv-household-penetration')}`] },
      indicator_not_recognised: {
        severity: 'error',
        cells: [`附件1!B${row('digital-certificates-issued')}`],
      },
      negative_value: { severity: 'error', cells: [`附件1!H${row('certified-software-enterprises')}`] },
      // A share of a whole above 100 % is a hard limit (issue 14): an error, no longer a warning.
      share_above_100: { severity: 'error', cells: [`附件1!G${row('campus-network-coverage')}`] },
    });
    expect(report.counts).toMatchObject({ new: 0, revised: 0, unchanged: 0, problems: 6 });
    expect(await eventCount()).toBe(before);
    expect(await importCount()).toBe(imports);
  });

  it.each([
    ['not a workbook', async () => Buffer.from('指标,2011\n宽带普及率,65\n'), 'not_a_workbook'],
    [
      'a corrupted workbook (cut short)',
      async () => (await lianyungangWorkbook()).subarray(0, 3000),
      'not_a_workbook',
    ],
    ['an encrypted workbook', async () => compoundFile({ encrypted: true }), 'workbook_encrypted'],
    ['a legacy .xls', async () => compoundFile({ encrypted: false }), 'legacy_xls_not_supported'],
    [
      'a zip bomb',
      async () =>
        makeZip([
          ...WORKBOOK_PARTS,
          { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedZeros(300), size: 300 * 1024 * 1024 },
        ]),
      'zip_bomb',
    ],
    [
      'an empty workbook',
      async () => {
        const workbook = new ExcelJS.Workbook();
        workbook.addWorksheet('Sheet1');
        return Buffer.from(await workbook.xlsx.writeBuffer());
      },
      'workbook_empty',
    ],
    [
      'a sheet with no recognisable header',
      async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('Sheet1');
        sheet.addRow(['宽带普及率', 65]);
        sheet.addRow(['移动电话用户', 330]);
        return Buffer.from(await workbook.xlsx.writeBuffer());
      },
      'no_header',
    ],
  ])('refuses %s with its own problem code, and keeps serving', async (_what, make, code) => {
    const [before, imports] = [await eventCount(), await importCount()];
    const response = await upload(await make(), { region: '320700' });
    expect(response.status).toBe(422);
    const report = await reportOf(response);
    expect(report.status).toBe('rejected');
    expect(report.problems.map((p) => p.code)).toEqual([code]);
    expect(report.problems[0]?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await eventCount()).toBe(before);
    expect(await importCount()).toBe(imports);
    expect((await fixture.app.request('/healthz')).status).toBe(200);
  });
});

describe('two identical uploads at once', () => {
  it('imports one and answers the other as its duplicate', async () => {
    const before = await eventCount();
    const file = await changzhouWorkbook({
      edit: (sheet) => {
        sheet.getCell('I3').value = 0.83;
      },
    });
    const responses = await Promise.all([
      upload(file, { region: '320400' }),
      upload(file, { region: '320400' }),
    ]);
    const reports = await Promise.all(responses.map(reportOf));
    expect(reports.map((r) => r.status).sort()).toEqual(['duplicate', 'imported']);
    expect(reports[0]?.importId).toBe(reports[1]?.importId);
    const imported = reports.find((r) => r.status === 'imported');
    const appended = (imported?.counts.new ?? 0) + (imported?.counts.revised ?? 0);
    expect(appended).toBeGreaterThan(0);
    expect(await eventCount()).toBe(before + appended);
  });
});

describe('import history', () => {
  it('lists imports newest first, a page at a time', async () => {
    const all = (await (await fixture.app.request('/api/v1/imports?limit=100')).json()) as {
      imports: { importId: string; importedAt: string; counts: { new: number } }[];
      nextCursor: string | null;
    };
    const recorded = (await importCount()) + (await importCount('rejected')) + (await importCount('dry-run'));
    expect(all.imports.length).toBe(recorded);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = (await (
        await fixture.app.request(`/api/v1/imports?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as typeof all;
      seen.push(...page.imports.map((i) => i.importId));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.imports.map((i) => i.importId));
    const times = all.imports.map((i) => i.importedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const mine = (await (await fixture.app.request('/api/v1/imports?region=320400')).json()) as typeof all;
    expect(mine.imports.length).toBeGreaterThan(0);
    expect(mine.imports.every((i) => (i as unknown as { regionCode: string }).regionCode === '320400')).toBe(
      true,
    );
  });

  it('answers 404 for an unknown import, region or indicator', async () => {
    expect((await problemOf(await fixture.app.request('/api/v1/imports/nope'))).code).toBe(
      'import_not_found',
    );
    expect(
      (
        await problemOf(
          await fixture.app.request('/api/v1/regions/999999/indicators/broadband-subscribers/history'),
        )
      ).code,
    ).toBe('region_not_found');
    expect(
      (await problemOf(await fixture.app.request('/api/v1/regions/320700/indicators/nope/history'))).code,
    ).toBe('indicator_not_found');
  });
});

describe('the request itself', () => {
  it('needs a token that may write for the region', async () => {
    const response = await upload(await lianyungangWorkbook(), { region: '320700' }, null);
    expect(response.status).toBe(401);
    expect((await problemOf(response)).code).toBe('token_required');
  });

  it('refuses an unknown region or plan as a problem, and a missing file as invalid', async () => {
    const file = await lianyungangWorkbook();
    expect((await problemOf(await upload(file, { region: '110000' }))).code).toBe('region_unknown');
    expect((await problemOf(await upload(file, { region: '320700', plan: 'qingdao-12fyp' }))).code).toBe(
      'plan_not_for_region',
    );
    expect((await problemOf(await upload(file, { region: '370000' }))).code).toBe('plan_required');
    const form = new FormData();
    form.set('region', '320700');
    const missing = await fixture.app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(missing.status).toBe(400);
    expect((await problemOf(missing)).code).toBe('validation_failed');
  });
});
