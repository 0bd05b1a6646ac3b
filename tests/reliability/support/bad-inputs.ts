import { request } from 'node:http';
import ExcelJS from 'exceljs';
import { compoundFile, deflatedZeros, makeZip, WORKBOOK_PARTS } from '../../imports/support/zip.ts';
import { handMadeXlsx, type RawCell, rowXml, sheetXml } from './xlsx.ts';

/** How a bad request is sent: a workbook upload (multipart), or anything else. */
export interface BadRequest {
  name: string;
  /** The problem code it must get: in the import report (422) or as application/problem+json. */
  code: string;
  status: number;
  send: (server: { url: string; tokens: Tokens }) => Promise<Response>;
}

export interface Tokens {
  admin: string;
  /** A reporter for 320400 (Changzhou) only. */
  changzhou: string;
  revoked: string;
  reader: string;
}

const REGION = '320700';

export function upload(
  url: string,
  file: Buffer | Blob,
  fields: { region?: string; plan?: string; dryRun?: string; name?: string } = {},
  token: string | null = null,
): Promise<Response> {
  const form = new FormData();
  form.set(
    'file',
    file instanceof Blob ? file : new File([new Uint8Array(file)], fields.name ?? 'upload.xlsx'),
  );
  form.set('region', fields.region ?? REGION);
  if (fields.plan) form.set('plan', fields.plan);
  if (fields.dryRun) form.set('dryRun', fields.dryRun);
  return fetch(`${url}/api/v1/imports`, {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

/**
 * An upload the server answers before reading it (413 from Content-Length): it then closes the connection while
 * the client may still be sending, and fetch reports the write's EPIPE instead of the answer. node:http hands
 * over the answer whenever it arrived, so the test sees what a client that reads the response would see.
 */
async function uploadRefusedEarly(url: string, file: Uint8Array, token: string): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([file], 'upload.xlsx'));
  form.set('region', REGION);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const sent = request(`${url}/api/v1/imports`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': encoded.headers.get('Content-Type') ?? '',
        'Content-Length': body.length,
      },
    });
    let answered = false;
    sent.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve(
          new Response(Buffer.concat(chunks), {
            status: response.statusCode ?? 0,
            headers: response.headers as Record<string, string>,
          }),
        ),
      );
    });
    // The write may fail once the server has answered and closed: only an error before the answer counts.
    sent.on('error', (error) => {
      if (!answered) reject(error);
    });
    sent.on('socket', (socket) => socket.on('error', () => {}));
    sent.end(body);
  });
}

type Cell = string | number | { formula: string; result?: unknown } | { error: string } | null;

/** A sheet laid out as the plans' tables are: 指标 | 单位 | years…, one row per indicator. */
async function sheet(
  rows: readonly (readonly Cell[])[],
  header: readonly string[] = ['指标', '单位', '2011年', '2012年'],
) {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet('主要指标');
  worksheet.addRow([...header]);
  for (const row of rows) {
    worksheet.addRow(
      row.map((cell) =>
        cell !== null && typeof cell === 'object' && 'error' in cell
          ? ({ error: cell.error } as ExcelJS.CellErrorValue)
          : cell,
      ) as ExcelJS.CellValue[],
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A good row: a share of Lianyungang's plan, two years. */
const GOOD = ['企业内部联网率', '%', 61.5, 64.2] as const;

async function template(url: string): Promise<Buffer> {
  const response = await fetch(`${url}/api/v1/plans/lianyungang-12fyp/template`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * At least 25 bad files and requests. Each must be refused with its problem code, write nothing, and leave the
 * server answering.
 */
export function badRequests(): BadRequest[] {
  const as = (token: keyof Tokens) => (tokens: Tokens) => tokens[token];
  const file = (
    name: string,
    code: string,
    make: () => Promise<Buffer> | Buffer,
    fields: Parameters<typeof upload>[2] = {},
    status = 422,
  ): BadRequest => ({
    name,
    code,
    status,
    send: async ({ url, tokens }) => upload(url, await make(), fields, tokens.admin),
  });
  return [
    // The container.
    file('not a zip (text named .xlsx)', 'not_a_workbook', () => Buffer.from('指标,2011年\n宽带普及率,65\n')),
    file('an empty file (0 bytes)', 'file_empty', () => Buffer.alloc(0)),
    {
      name: 'a truncated workbook (the first half of a template)',
      code: 'not_a_workbook',
      status: 422,
      send: async ({ url, tokens }) => {
        const whole = await template(url);
        return upload(url, whole.subarray(0, Math.floor(whole.length / 2)), {}, tokens.admin);
      },
    },
    file('a zip without workbook parts', 'not_a_workbook', () =>
      makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]),
    ),
    file('a zip bomb (a part inflates past what it declares)', 'zip_bomb', async () =>
      makeZip([
        ...WORKBOOK_PARTS,
        { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedZeros(64), declaredSize: 1_000 },
      ]),
    ),
    file('a zip bomb (declares 300 MB)', 'zip_bomb', async () =>
      makeZip([
        ...WORKBOOK_PARTS,
        {
          name: 'xl/worksheets/sheet1.xml',
          deflated: await deflatedZeros(1),
          declaredSize: 300 * 1024 * 1024,
        },
      ]),
    ),
    file('an encrypted workbook', 'workbook_encrypted', () => compoundFile({ encrypted: true })),
    file('a legacy .xls', 'legacy_xls_not_supported', () => compoundFile({ encrypted: false })),
    file('a workbook without any cell', 'workbook_empty', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Sheet1');
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }),
    file('1,000,000 rows in 64 KB (rows without numbers)', 'workbook_unreadable', () =>
      handMadeXlsx([
        {
          name: 'Sheet1',
          xml: sheetXml(
            (function* () {
              for (let row = 0; row < 1_000_000; row++) yield '<row><c><v>1</v></c></row>';
            })(),
          ),
        },
      ]),
    ),
    file('200,001 numbered rows (over the cap)', 'too_many_rows', () =>
      handMadeXlsx([
        {
          name: 'Sheet1',
          xml: sheetXml(
            (function* () {
              for (let row = 1; row <= 200_001; row++)
                yield `<row r="${row}"><c r="A${row}"><v>1</v></c></row>`;
            })(),
          ),
        },
      ]),
    ),
    file('10,000 columns of values without headings', 'value_without_heading', () =>
      handMadeXlsx([
        {
          name: '主要指标',
          xml: sheetXml([
            rowXml(1, ['指标', '单位', '2011年']),
            rowXml(2, [...GOOD.slice(0, 3), ...Array.from({ length: 9_997 }, (_, i): RawCell => i)]),
          ]),
        },
      ]),
    ),
    file('a huge dimension (A1:XFD1048576) over a sheet without a header', 'no_header', () =>
      handMadeXlsx([
        {
          name: 'Sheet1',
          xml: sheetXml([rowXml(1, ['宽带普及率', 65]), rowXml(2, ['移动电话用户', 330])], 'A1:XFD1048576'),
        },
      ]),
    ),
    file('a 200,000-character indicator name', 'indicator_not_recognised', () =>
      sheet([[`宽带${'很'.repeat(200_000)}普及率`, '%', 61.5, 64.2]]),
    ),
    file('formulas whose results are errors (#DIV/0!, #REF!)', 'spreadsheet_error', () =>
      sheet([['企业内部联网率', '%', { error: '#DIV/0!' }, { error: '#REF!' }]]),
    ),
    file('an unknown indicator', 'indicator_not_recognised', () =>
      sheet([GOOD, ['量子通信覆盖率', '%', 10, 12]]),
    ),
    file('the same indicator twice with different values', 'conflicting_values', () =>
      sheet([GOOD, ['企业内部联网率', '%', 70, 64.2]]),
    ),
    file('a year outside the plan (2031年)', 'year_outside_plan_period', () =>
      sheet([[...GOOD, 66]], ['指标', '单位', '2011年', '2012年', '2031年']),
    ),
    file('a negative count', 'negative_value', () =>
      sheet([GOOD, ['社会保障卡累计发卡量', '万张', -120, 380]]),
    ),
    file('a unit that does not convert (公里 for a share)', 'unit_incompatible', () =>
      sheet([['企业内部联网率', '公里', 61.5, 64.2]]),
    ),
    file('words in a value cell', 'unreadable_value', () =>
      sheet([['企业内部联网率', '%', '大约六十', 64.2]]),
    ),
    file('tiers in an actual', 'tier_in_actual', () =>
      sheet([['企业内部联网率', '%', '省级>90，市级>80', 64.2]]),
    ),
    file('two columns for the same year', 'duplicate_column', () =>
      sheet([[...GOOD, 65]], ['指标', '单位', '2011年', '2012年', '2012年']),
    ),
    file('a sheet without a header row', 'no_header', () => sheet([['宽带普及率', 65]], ['附表', '说明'])),
    // The request around the file.
    file('an unknown region', 'region_unknown', () => sheet([GOOD]), { region: '999999' }),
    file('a plan of an unrelated region', 'plan_not_for_region', () => sheet([GOOD]), {
      plan: 'qingdao-12fyp',
    }),
    file(
      'a dry-run flag that is not a boolean',
      'validation_failed',
      () => sheet([GOOD]),
      { dryRun: 'maybe' },
      400,
    ),
    {
      name: 'no file in the form',
      code: 'validation_failed',
      status: 400,
      send: ({ url, tokens }) => {
        const form = new FormData();
        form.set('region', REGION);
        return fetch(`${url}/api/v1/imports`, {
          method: 'POST',
          body: form,
          headers: { Authorization: `Bearer ${tokens.admin}` },
        });
      },
    },
    {
      name: 'no token',
      code: 'token_required',
      status: 401,
      send: async ({ url }) => upload(url, await sheet([GOOD]), {}, null),
    },
    {
      name: 'a wrong token',
      code: 'token_invalid',
      status: 401,
      send: async ({ url }) => upload(url, await sheet([GOOD]), {}, `pm_${'x'.repeat(43)}`),
    },
    {
      name: 'a revoked token',
      code: 'token_revoked',
      status: 401,
      send: async ({ url, tokens }) => upload(url, await sheet([GOOD]), {}, as('revoked')(tokens)),
    },
    {
      name: 'a reader token',
      code: 'role_forbidden',
      status: 403,
      send: async ({ url, tokens }) => upload(url, await sheet([GOOD]), {}, as('reader')(tokens)),
    },
    {
      name: "another region's token (Changzhou's reporter uploading for Lianyungang)",
      code: 'region_forbidden',
      status: 403,
      send: async ({ url, tokens }) => upload(url, await sheet([GOOD]), {}, as('changzhou')(tokens)),
    },
    {
      name: 'an oversized body (21 MB)',
      code: 'payload_too_large',
      status: 413,
      send: ({ url, tokens }) => uploadRefusedEarly(url, new Uint8Array(21 * 1024 * 1024), tokens.admin),
    },
    {
      name: 'a malformed multipart body',
      code: 'invalid_form',
      status: 400,
      send: ({ url, tokens }) =>
        fetch(`${url}/api/v1/imports`, {
          method: 'POST',
          body: '--x\r\nContent-Disposition: form-data; name="region"\r\n\r\n320700\r\n--x',
          headers: {
            Authorization: `Bearer ${tokens.admin}`,
            'Content-Type': 'multipart/form-data; boundary=x',
          },
        }),
    },
  ];
}

/** A share of a whole above 100 % is a hard limit (src/domain/plausibility/bounds.ts): refused, nothing written. */
export const shareAbove100 = () => sheet([['企业内部联网率', '%', 104.5, 64.2]]);
/** The same sheet corrected: imported without a problem. */
export const shareCorrected = () => sheet([['企业内部联网率', '%', 54.5, 64.2]]);
