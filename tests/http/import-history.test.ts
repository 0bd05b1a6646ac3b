import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/imports/report.ts';
import { lianyungangRowNumber, lianyungangWorkbook } from '../imports/support/lianyungang-table.ts';
import { ADMIN_TOKEN, type HttpFixture, issueToken, openHttpFixture, problemOf } from './support.ts';

/** Issue 17: a rejected upload and a dry run are kept in the import history, with their problems and who tried. */

let fixture: HttpFixture;
let clerk: string;
beforeAll(async () => {
  fixture = await openHttpFixture();
  clerk = (await issueToken(fixture.app, { name: '连云港统计局', role: 'reporter', regions: ['320700'] }))
    .secret;
});
afterAll(async () => {
  await fixture?.close();
});

interface Summary {
  importId: string;
  status: string;
  regionCode: string;
  fileName: string;
  actor: { name: string };
  importedAt: string;
  counts: ImportReport['counts'];
}

function upload(file: Buffer, name: string, options: { dryRun?: boolean; token?: string | null } = {}) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], name));
  form.set('region', '320700');
  if (options.dryRun) form.set('dryRun', 'true');
  const token = options.token === undefined ? clerk : options.token;
  return fixture.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

async function history(query = ''): Promise<Summary[]> {
  const response = await fixture.app.request(`/api/v1/imports?limit=500${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { imports: Summary[] }).imports;
}

async function eventCount(): Promise<number> {
  const row = await fixture.database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const cell = (column: string, code: string) => `附件1!${column}${lianyungangRowNumber(code)}`;

/** A sheet with a date where 2012's mobile subscribers go: the check fails, nothing of it can be written. */
const wrongSheet = () =>
  lianyungangWorkbook({
    edit: (sheet) => {
      sheet.getCell(`F${lianyungangRowNumber('mobile-phone-subscribers')}`).value = new Date('2012-12-31');
    },
  });

describe('the import history keeps what was tried', () => {
  let rejected: ImportReport;

  it('given a sheet that fails the check, when a clerk uploads it, then nothing is written but the history lists it as rejected, with its problems and who tried', async () => {
    const before = await eventCount();
    const response = await upload(await wrongSheet(), '连云港-有误.xlsx');
    expect(response.status).toBe(422);
    rejected = (await response.json()) as ImportReport;
    expect(rejected.status).toBe('rejected');
    expect(await eventCount()).toBe(before);

    const [latest] = await history();
    expect(latest).toMatchObject({
      importId: rejected.importId,
      status: 'rejected',
      regionCode: '320700',
      fileName: '连云港-有误.xlsx',
      actor: { name: '连云港统计局' },
    });
    const record = await fixture.app.request(`/api/v1/imports/${rejected.importId}`);
    expect(record.status).toBe(200);
    const body = (await record.json()) as { status: string; report: ImportReport; actor: { name: string } };
    expect(body.status).toBe('rejected');
    expect(body.actor.name).toBe('连云港统计局');
    expect(body.report.problems.find((p) => p.code === 'date_not_a_value')?.cells).toEqual([
      cell('F', 'mobile-phone-subscribers'),
    ]);
  });

  it('given the same wrong sheet again, when it is uploaded, then it is checked again (not a duplicate) and kept as a second try', async () => {
    const response = await upload(await wrongSheet(), '连云港-有误.xlsx');
    expect(response.status).toBe(422);
    const again = (await response.json()) as ImportReport;
    expect(again.status).toBe('rejected');
    expect(again.importId).not.toBe(rejected.importId);
    const tries = (await history('&status=rejected')).map((i) => i.importId);
    expect(tries.slice(0, 2)).toEqual([again.importId, rejected.importId]);
  });

  it('given a good sheet, when it is dry-run and then imported, then both are listed with their status and the import is not taken for a duplicate of the dry run', async () => {
    const file = await lianyungangWorkbook();
    const before = await eventCount();
    const dry = await upload(file, '连云港.xlsx', { dryRun: true });
    expect(dry.status).toBe(200);
    const checked = (await dry.json()) as ImportReport;
    expect(checked.status).toBe('dry-run');
    expect(await eventCount()).toBe(before);

    const real = await upload(file, '连云港.xlsx');
    expect(real.status).toBe(201);
    const imported = (await real.json()) as ImportReport;
    expect(imported.importId).not.toBe(checked.importId);
    expect(await eventCount()).toBeGreaterThan(before);

    const listed = await history();
    expect(listed.slice(0, 2).map((i) => [i.importId, i.status])).toEqual([
      [imported.importId, 'imported'],
      [checked.importId, 'dry-run'],
    ]);
    const dryRecord = (await (await fetchRecord(checked.importId)).json()) as { report: ImportReport };
    expect(dryRecord.report.counts.observations).toBe(checked.counts.observations);

    // The same file once more is a duplicate of the import, not of the dry run.
    const duplicate = (await (await upload(file, '连云港.xlsx')).json()) as ImportReport;
    expect(duplicate).toMatchObject({ status: 'duplicate', importId: imported.importId });
  });

  it('filters the history by status', async () => {
    for (const status of ['imported', 'rejected', 'dry-run'] as const) {
      const listed = await history(`&status=${status}`);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.every((i) => i.status === status)).toBe(true);
    }
    const all = await history();
    const byStatus = await Promise.all(
      ['imported', 'rejected', 'dry-run'].map(async (s) => (await history(`&status=${s}`)).length),
    );
    expect(byStatus.reduce((a, b) => a + b, 0)).toBe(all.length);
    const wrong = await fixture.app.request('/api/v1/imports?status=failed');
    expect(wrong.status).toBe(400);
  });

  it('does not keep a request refused before its file was checked: no token, a token of another region, a form without a file', async () => {
    const before = (await history()).length;
    expect((await upload(await wrongSheet(), 'x.xlsx', { token: null })).status).toBe(401);
    const other = await issueToken(fixture.app, {
      name: '常州统计局',
      role: 'reporter',
      regions: ['320400'],
    });
    expect((await upload(await wrongSheet(), 'x.xlsx', { token: other.secret })).status).toBe(403);
    const form = new FormData();
    form.set('region', '320700');
    const noFile = await fixture.app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect((await problemOf(noFile)).code).toBe('validation_failed');
    expect((await history()).length).toBe(before);
  });
});

const fetchRecord = (importId: string) => fixture.app.request(`/api/v1/imports/${importId}`);
