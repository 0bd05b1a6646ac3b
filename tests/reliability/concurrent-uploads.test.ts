import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/imports/report.ts';
import {
  type FilledRow,
  filledWorkbook,
  plausibleRows,
  REGION,
  ROWS,
  YEARS,
} from '../dashboard/filled-workbook.ts';
import { ADMIN_TOKEN, catchUpToEnd, type HttpFixture, openHttpFixture } from '../http/support.ts';
import { testEngine } from '../support/database.ts';

const UPLOADS = 20;
/** The rows every upload fills: the same cells, each upload with values of its own. */
const CODES = ['mobile-phone-subscribers', 'broadband-subscribers', 'internet-egress-bandwidth'];
const VALUES_PER_UPLOAD = CODES.length * YEARS.length;

/** Upload `n`'s rows: every value differs from every other upload's (n hundredths above the plain sheet). */
function rowsOf(n: number): FilledRow[] {
  return plausibleRows()
    .filter((row) => CODES.includes(row.code))
    .map((row) => ({
      ...row,
      values: row.values.map((value) => (typeof value === 'number' ? value + n / 100 : value)),
    }));
}

function upload(app: HttpFixture['app'], file: Buffer, name: string): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], name));
  form.set('region', REGION);
  return Promise.resolve(
    app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    }),
  );
}

/** What an import read beyond the uploaded values: the template's 2010 column, equal to the catalog's. */
const unchangedBaselines = (report: ImportReport) =>
  report.observations.filter((o) => o.kind === 'actual').length - VALUES_PER_UPLOAD;

const cellValue = (event: { indicator: string; year: number; value: number }) =>
  `${event.indicator}|${event.year}|${event.value.toFixed(2)}`;

/** The values upload `n` carries, as cellValue writes them. */
const expectedValues = (n: number) =>
  rowsOf(n)
    .flatMap((row) =>
      row.values.map((value, i) =>
        cellValue({ indicator: row.code, year: YEARS[i] ?? 0, value: Number(value) }),
      ),
    )
    .sort();

/** Which upload a report is of, from a value it read (each upload's values are its own). */
function uploadOf(report: ImportReport): number {
  const read = report.observations.find((o) => o.indicator.code === CODES[0] && o.year === YEARS[0]);
  const plain = ROWS.find((row) => row.code === CODES[0])?.values[0];
  return Math.round(((read?.value ?? 0) - Number(plain)) * 100);
}

/** The value events one import appended, by cell. */
async function eventsOf(fixture: HttpFixture, importId: string) {
  const { rows } = await sql<{ event_type: string; value: number; year: number; indicator: string }>`
    SELECT event_type, (data->>'value')::float8 AS value, (data->>'year')::int AS year,
           data->>'indicatorCode' AS indicator
    FROM events WHERE data->'source'->>'importId' = ${importId} ORDER BY position`.execute(
    fixture.database.db,
  );
  return rows;
}

describe(`uploads of different values for the same cells, at once (${testEngine})`, () => {
  let fixture: HttpFixture;
  beforeAll(async () => {
    fixture = await openHttpFixture();
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
  });

  it('given an upload taken by an instance whose clock is ahead, when another instance with a slower clock takes a different one after it, then the later commit revises the earlier (clocks never order uploads)', async () => {
    // given
    const ahead = fixture.appWith({}, { now: () => new Date('2026-12-06T12:00:00Z') });
    const behind = fixture.appWith({}, { now: () => new Date('2026-12-06T11:00:00Z') });
    const first = await upload(ahead, (await filledWorkbook(rowsOf(50))).buffer, 'ahead.xlsx');
    expect(first.status).toBe(201);
    // when
    const second = await upload(behind, (await filledWorkbook(rowsOf(51))).buffer, 'behind.xlsx');
    // then
    expect(second.status).toBe(201);
    const report = (await second.json()) as ImportReport;
    expect(report.counts).toMatchObject({ revised: VALUES_PER_UPLOAD, new: 0 });
    expect(report.counts.unchanged).toBe(unchangedBaselines(report));
    const events = await eventsOf(fixture, report.importId);
    expect(events.map((event) => event.event_type)).toEqual(Array(VALUES_PER_UPLOAD).fill('ValueRevised'));
    expect(events.map(cellValue).sort()).toEqual(expectedValues(51));
  }, 60_000);

  it(`given ${UPLOADS} different filled templates for ${REGION}, when all are uploaded at once, then every accepted upload's values are in the history and its report matches its events`, async () => {
    // given
    const files = await Promise.all(
      Array.from({ length: UPLOADS }, async (_, n) => (await filledWorkbook(rowsOf(n))).buffer),
    );
    // when
    // Room for all of them in the import queue (IMPORT_QUEUE): this is about their order, not about the bound.
    const app = fixture.appWith({ importQueue: UPLOADS });
    const responses = await Promise.all(files.map((file, n) => upload(app, file, `upload-${n}.xlsx`)));
    // then: each one landed, or was refused as a conflict to retry (nothing written)
    const accepted: ImportReport[] = [];
    for (const response of responses) {
      if (response.status === 409) {
        expect(response.headers.get('Retry-After')).toBeTruthy();
        continue;
      }
      expect(response.status, await response.clone().text()).toBe(201);
      accepted.push((await response.json()) as ImportReport);
    }
    // Uploads for one region queue behind each other, so none needs to be refused.
    expect(accepted).toHaveLength(UPLOADS);
    for (const report of accepted) {
      // Every value of every upload differs from what any other upload stored: only the template's own 2010
      // values (the same in every file) are "unchanged".
      expect(report.counts.unchanged).toBe(unchangedBaselines(report));
      expect(report.counts.new + report.counts.revised).toBe(VALUES_PER_UPLOAD);
      const events = await eventsOf(fixture, report.importId);
      expect(events).toHaveLength(VALUES_PER_UPLOAD);
      expect(events.map(cellValue).sort()).toEqual(expectedValues(uploadOf(report)));
      expect(events.filter((event) => event.event_type === 'ValueRevised')).toHaveLength(
        report.counts.revised,
      );
    }
    // The history of one cell holds every accepted upload's value, the last committed one last.
    await catchUpToEnd(fixture.database.db);
    const response = await fixture.app.request(`/api/v1/regions/${REGION}/indicators/${CODES[0]}/history`);
    expect(response.status).toBe(200);
    const history = (await response.json()) as {
      entries: { position: number; year: number; importId: string | null; value: number | null }[];
    };
    const of2011 = history.entries.filter((entry) => entry.year === 2011 && entry.importId !== null);
    for (const report of accepted) {
      expect(of2011.map((entry) => entry.importId)).toContain(report.importId);
    }
    const { rows } = await sql<{ importId: string }>`
      SELECT data->'source'->>'importId' AS "importId" FROM events
      WHERE data->>'indicatorCode' = ${CODES[0]} AND data->>'year' = '2011' AND data->>'regionCode' = ${REGION}
      ORDER BY transaction_id DESC, position DESC LIMIT 1`.execute(fixture.database.db);
    const sorted = [...of2011].sort((a, b) => a.position - b.position);
    expect(sorted.at(-1)?.importId).toBe(rows[0]?.importId);
  }, 180_000);
});
