import fc from 'fast-check';
import type { createApp } from '../../src/http/app.ts';
import { fillTemplate } from '../imports/support/fill-template.ts';
import { type Known, OMIT } from './contract-requests.ts';
import { ADMIN_TOKEN, bearer, issueToken, jsonRequest } from './support.ts';

/**
 * What the database holds, for the contract test's generators to use beside made-up values: the plans,
 * regions, indicators, parts and units of the catalog, tokens a revoke may hit, two imports, a cursor of each
 * list, three users (one who signs in, one whose password is set, one who is disabled), and workbooks to upload
 * (empty, not a workbook, the blank template, the filled template).
 */

type App = ReturnType<typeof createApp>;

async function getJson<T>(app: App, path: string): Promise<T> {
  const response = await app.request(path, bearer(ADMIN_TOKEN));
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function importFilled(app: App, planId: string, region: string): Promise<string | undefined> {
  const template = Buffer.from(await (await app.request(`/api/v1/plans/${planId}/template`)).arrayBuffer());
  const { file } = await fillTemplate(template, '主要指标', region);
  const form = new FormData();
  form.append('file', new File([file], `${planId}.xlsx`));
  form.append('region', region);
  const response = await app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    ...bearer(ADMIN_TOKEN),
  });
  return response.status === 201 ? ((await response.json()) as { importId: string }).importId : undefined;
}

/** The people the user and session operations may hit, each for one purpose (see knownValues). */
const NO_USER = 'usr_0000000000000000';
const SIGNER = { login: 'contract-signer', password: 'contract-signer-password' };
const LEAVER = { login: 'contract-leaver', password: 'contract-leaver-password' };

async function createPerson(app: App, person: Record<string, unknown>): Promise<string> {
  const response = await app.request('/api/v1/users', jsonRequest('POST', person, ADMIN_TOKEN));
  if (response.status !== 201)
    throw new Error(`user ${person.login}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Approved years a reopen can reach: 江苏 (320000), whose years nothing else here writes or moves. */
const APPROVED = { planId: 'jiangsu-12fyp', region: '320000', years: ['2014', '2015'] };

async function approve(app: App, year: string): Promise<void> {
  for (const action of ['submit', 'approve']) {
    const path = `/api/v1/plans/${APPROVED.planId}/regions/${APPROVED.region}/years/${year}/${action}`;
    const response = await app.request(path, { method: 'POST', ...bearer(ADMIN_TOKEN) });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
}

/** What the database holds, for generators to use beside made-up values. */
export async function knownValues(app: App): Promise<Known> {
  type Plan = { planId: string; region: { code: string } };
  type Detail = {
    indicators: {
      code: string;
      category: string;
      unit: string;
      parts: { code: string }[];
      targets: { regionCode: string }[];
    }[];
  };
  const { plans } = await getJson<{ plans: Plan[] }>(app, '/api/v1/plans?limit=500');
  const details = await Promise.all(
    plans.map((plan) => getJson<Detail>(app, `/api/v1/plans/${plan.planId}`)),
  );
  const indicators = details.flatMap((detail) => detail.indicators);
  const unique = (values: string[]) => [...new Set(values)].sort();
  const catalogRegions = unique([
    ...plans.map((plan) => plan.region.code),
    ...indicators.flatMap((indicator) => indicator.targets.map((target) => target.regionCode)),
  ]);
  const regions = unique([
    ...plans.map((plan) => plan.region.code),
    ...indicators.flatMap((indicator) => indicator.targets.map((target) => target.regionCode)),
    '370000',
    '110000',
    '999999',
  ]);
  const planIds = plans.map((plan) => plan.planId);
  const lianyungang = (details[planIds.indexOf('lianyungang-12fyp')]?.indicators ?? [])
    .filter((indicator) => indicator.parts.length === 0)
    .map((indicator) => indicator.code);
  const parts = unique(indicators.flatMap((indicator) => indicator.parts.map((part) => part.code)));
  const units = unique(indicators.map((indicator) => indicator.unit));
  // Tokens whose id a revoke may hit: never the ones the test calls with.
  const spare = await Promise.all(
    [1, 2, 3].map((n) => issueToken(app, { name: `spare ${n}`, role: 'reporter', regions: ['320700'] })),
  );
  const imports = [
    await importFilled(app, 'lianyungang-12fyp', '320700'),
    await importFilled(app, 'changzhou-12fyp', '320400'),
  ];
  const [signerId, renamedId, leaverId] = await Promise.all([
    createPerson(app, { ...SIGNER, name: '登录测试', role: 'reader' }),
    createPerson(app, {
      login: 'contract-renamed',
      name: '改密测试',
      role: 'reader',
      password: SIGNER.password,
    }),
    createPerson(app, { ...LEAVER, name: '停用测试', role: 'reporter', regions: ['320700'] }),
  ]);
  for (const year of APPROVED.years) await approve(app, year);
  const cursorOf = async (path: string) => {
    const next = (await getJson<{ nextCursor: string | null }>(app, `${path}?limit=1`)).nextCursor;
    return [`${path} cursor`, next ? [next] : []] as const;
  };
  const cursors = Object.fromEntries(
    await Promise.all(['/api/v1/plans', '/api/v1/tokens', '/api/v1/imports', '/api/v1/users'].map(cursorOf)),
  );
  const template = Buffer.from(
    await (await app.request('/api/v1/plans/lianyungang-12fyp/template')).arrayBuffer(),
  );
  const filled = await fillTemplate(template, '主要指标', '320700');
  return {
    values: {
      region: regions,
      ...Object.fromEntries(
        ['/values', '/values/retract'].map((end) => [
          `/api/v1/regions/{region}/indicators/{indicator}${end} region`,
          ['320700', '320700', '320700', '320400', '999999'],
        ]),
      ),
      ...Object.fromEntries(
        ['/values', '/values/retract'].map((end) => [
          `/api/v1/regions/{region}/indicators/{indicator}${end} indicator`,
          [...lianyungang, 'no-such-indicator'],
        ]),
      ),
      indicator: [...unique(indicators.map((indicator) => indicator.code)), 'no-such-indicator'],
      planId: [...planIds, 'no-such-plan'],
      tokenId: [...spare.map((token) => token.id), 'tok_0000000000000000'],
      importId: [...imports.filter((id): id is string => id !== undefined), 'imp_missing'],
      // Each person for one purpose: a new password or a disable never hits the one who signs in (generated ids
      // give the 404s).
      userId: [signerId, renamedId, leaverId, NO_USER],
      '/api/v1/users/{userId}/password userId': [renamedId],
      '/api/v1/users/{userId}/disable userId': [leaverId],
      ...Object.fromEntries(
        Object.entries({ planId: [APPROVED.planId], region: [APPROVED.region], year: APPROVED.years }).map(
          ([name, values]) => [`/api/v1/plans/{planId}/regions/{region}/years/{year}/reopen ${name}`, values],
        ),
      ),
      ...cursors,
      limit: ['1', '2', '50', '500'],
      asOf: ['2013-04-01T00:00:00+08:00', '2030-01-01T00:00:00Z', '2000-01-01T00:00:00Z'],
      category: unique(indicators.map((indicator) => indicator.category)),
      year: ['2011', '2012', '2013', '2015'],
    },
    bodyValues: {
      region: fc.constantFrom(...regions),
      regions: fc.oneof(
        fc.constant(OMIT),
        fc.constant([]),
        fc.subarray(catalogRegions, { minLength: 1, maxLength: 2 }),
        fc.subarray(regions, { minLength: 1, maxLength: 3 }),
      ),
      expiresAt: fc.constantFrom(OMIT, null, '2099-01-01T00:00:00Z', '2001-01-01T00:00:00+08:00'),
      plan: fc.constantFrom(...planIds),
      year: fc.integer({ min: 2011, max: 2015 }),
      part: fc.oneof(
        { arbitrary: fc.constant(OMIT), weight: 4 },
        { arbitrary: fc.constantFrom(...parts), weight: 1 },
      ),
      unit: fc.oneof(
        { arbitrary: fc.constant(OMIT), weight: 4 },
        { arbitrary: fc.constantFrom(...units), weight: 1 },
      ),
      value: fc.double({ min: 0, max: 1000, noNaN: true }),
      name: fc.constantFrom('连云港统计局', 'contract test', '😀'.repeat(150)),
      // JSON Schema counts a length in characters (code points), not UTF-16 units: an emoji is one.
      note: fc.constantFrom(OMIT, 'corrected', '😀'.repeat(1500)),
      reason: fc.constantFrom('报送有误，待核实后重报', '😀'.repeat(1500)),
      dryRun: fc.constantFrom('true', 'true', 'false'),
      // An upload for the reporter's region, mostly with its own plan: the success path, not only refusals.
      '/api/v1/imports region': fc.constantFrom('320700', '320700', '320700', '320400', '370000', '999999'),
      '/api/v1/imports plan': fc.constantFrom(
        OMIT,
        OMIT,
        OMIT,
        'lianyungang-12fyp',
        'jiangsu-12fyp',
        'qingdao-12fyp',
      ),
      // A plan's table: a new region's plan of the 12th period (the files below are its tables), or a revision.
      '/api/v1/plans region': fc.constantFrom('420100', '420100', '420100', '420100', '999999'),
      '/api/v1/plans title': fc.constantFrom(
        '武汉市“十二五”信息化发展规划',
        '武汉市“十二五”信息化发展规划',
        '武汉市“十二五”信息化发展规划',
        OMIT,
      ),
      '/api/v1/plans issuer': fc.constant('武汉市人民政府'),
      '/api/v1/plans issuedOn': fc.constant('2011-09-30'),
      '/api/v1/plans periodStart': fc.constantFrom('2011', '2011', '2011', '2016'),
      '/api/v1/plans periodEnd': fc.constantFrom('2015', '2015', '2015', '2014'),
      '/api/v1/plans plan': fc.constantFrom(
        OMIT,
        OMIT,
        OMIT,
        OMIT,
        OMIT,
        'lianyungang-12fyp',
        'no-such-plan',
      ),
      '/api/v1/plans planId': fc.constantFrom(OMIT, OMIT, OMIT, 'wuhan-12fyp'),
      '/api/v1/plans regionName': fc.constantFrom(OMIT, '武汉市'),
      '/api/v1/plans document': fc.constantFrom(OMIT, '附件1'),
      // A dashboard table's rows (header first), so that most exports reach the workbook, not only refusals.
      '/api/v1/exports/xlsx title': fc.constantFrom(
        '连云港市-指标一览',
        '地区对比-宽带用户数-2014年',
        '?[]*',
      ),
      '/api/v1/exports/xlsx rows': fc.constantFrom(
        [
          ['指标', '最新值'],
          ['家庭宽带用户数', '45 万户'],
        ],
        [
          ['排名', '地区', '数值（2014年）'],
          ['1', '青岛市', '150'],
          ['2', '连云港市', '=1+1'],
        ],
        [['only a header']],
      ),
    },
    bodyTogether: {
      // The signer's login goes only with its password: failed sign-ins lock a login after five. Failures come
      // from a login nobody has, the disabled leaver, and generated credentials.
      '/api/v1/sessions': fc.constantFrom(
        SIGNER,
        SIGNER,
        SIGNER,
        { login: 'contract-stranger', password: SIGNER.password },
        LEAVER,
      ),
    },
    files: [
      { name: 'empty.xlsx', bytes: new Uint8Array() },
      { name: 'garbage.xlsx', bytes: new TextEncoder().encode('not a workbook at all') },
      { name: 'template.xlsx', bytes: new Uint8Array(template) },
      // Weighted towards the sheet that imports, so the success path is exercised as well as the refusals.
      ...[1, 2, 3].map(() => ({ name: 'filled.xlsx', bytes: new Uint8Array(filled.file) })),
    ],
  };
}
