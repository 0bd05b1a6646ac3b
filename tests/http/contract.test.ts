import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillTemplate } from '../imports/support/fill-template.ts';
import { testEngine } from '../support/database.ts';
import { requestOf, type Tokens, violationsOf } from './contract-check.ts';
import { type Contract, contractOf, type OpenApiDocument, type Operation } from './contract-document.ts';
import { type Access, caseArbitrary, type Known, OMIT } from './contract-requests.ts';
import { ADMIN_TOKEN, bearer, type HttpFixture, issueToken, openHttpFixture } from './support.ts';

/**
 * The contract is the truth: every operation of GET /api/v1/openapi.json is driven with requests generated
 * from its own schemas (valid and broken ones, with every kind of token and none, with READ_ACCESS public and
 * token), and every answer is checked against the document: no server error, no undocumented status, every
 * body fits its documented schema, a request the document allows is not refused as invalid, one it forbids
 * is not accepted. Fixed seed (CONTRACT_SEED to change it); fast-check prints the seed and the shrunk request
 * of a failure.
 */

const SEED = Number(process.env.CONTRACT_SEED ?? 20261206);
/** Runs per operation; writes that replay or parse whole files get fewer. */
const RUNS: Record<string, number> = {
  'POST /api/v1/imports': 60,
  'POST /api/v1/projections/rebuild': 15,
  'GET /api/v1/openapi.json': 5,
  'GET /docs': 5,
  'GET /docs/scalar.js': 5,
  'GET /healthz': 10,
  'GET /readyz': 10,
};
const DEFAULT_RUNS = 100;

let fixture: HttpFixture;
let contract: Contract;
let known: Known;
let tokens: Tokens;
let apps: Record<Access, HttpFixture['app']>;
let requests = 0;

const getJson = async <T>(path: string): Promise<T> => {
  const response = await fixture.app.request(path, bearer(ADMIN_TOKEN));
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

async function importFilled(planId: string, region: string): Promise<string | undefined> {
  const template = Buffer.from(
    await (await fixture.app.request(`/api/v1/plans/${planId}/template`)).arrayBuffer(),
  );
  const { file } = await fillTemplate(template, '主要指标', region);
  const form = new FormData();
  form.append('file', new File([file], `${planId}.xlsx`));
  form.append('region', region);
  const response = await fixture.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    ...bearer(ADMIN_TOKEN),
  });
  return response.status === 201 ? ((await response.json()) as { importId: string }).importId : undefined;
}

/** What the database holds, for generators to use beside made-up values. */
async function knownValues(): Promise<Known> {
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
  const { plans } = await getJson<{ plans: Plan[] }>('/api/v1/plans?limit=500');
  const details = await Promise.all(plans.map((plan) => getJson<Detail>(`/api/v1/plans/${plan.planId}`)));
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
    [1, 2, 3].map((n) =>
      issueToken(fixture.app, { name: `spare ${n}`, role: 'reporter', regions: ['320700'] }),
    ),
  );
  const imports = [
    await importFilled('lianyungang-12fyp', '320700'),
    await importFilled('changzhou-12fyp', '320400'),
  ];
  const cursorOf = async (path: string) => {
    const next = (await getJson<{ nextCursor: string | null }>(`${path}?limit=1`)).nextCursor;
    return [`${path} cursor`, next ? [next] : []] as const;
  };
  const cursors = Object.fromEntries(
    await Promise.all(['/api/v1/plans', '/api/v1/tokens', '/api/v1/imports'].map(cursorOf)),
  );
  const template = Buffer.from(
    await (await fixture.app.request('/api/v1/plans/lianyungang-12fyp/template')).arrayBuffer(),
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
      name: fc.constantFrom('连云港统计局', 'contract test'),
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

beforeAll(async () => {
  fixture = await openHttpFixture();
  apps = { public: fixture.app, token: fixture.appWith({ readAccess: 'token' }) };
  contract = contractOf(
    (await (await fixture.app.request('/api/v1/openapi.json')).json()) as OpenApiDocument,
  );
  tokens = {
    admin: ADMIN_TOKEN,
    reporter: (await issueToken(fixture.app, { name: 'reporter', role: 'reporter', regions: ['320700'] }))
      .secret,
    reporterElsewhere: (
      await issueToken(fixture.app, { name: 'elsewhere', role: 'reporter', regions: ['320400'] })
    ).secret,
    reader: (await issueToken(fixture.app, { name: 'reader', role: 'reader' })).secret,
    unknownToken: 'pm_not-a-token-of-ours',
  };
  known = await knownValues();
}, 120_000);
afterAll(async () => {
  console.info(`contract test (${testEngine}): ${requests} requests, seed ${SEED}`);
  await fixture?.close();
});

/**
 * Every generated request of one operation, sent; the distinct violations (by operation, status, code and
 * kind), each with the first request that showed it. All runs go through, so one failure does not hide others.
 */
async function exercise(
  operation: Operation,
): Promise<{ violations: string[]; statuses: Map<number, number> }> {
  const found = new Map<string, string>();
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(caseArbitrary(contract, operation, known), async (c) => {
      const { url, init } = requestOf(operation, c, tokens);
      requests++;
      const response = await apps[c.access].request(url, init);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const violations = await violationsOf(contract, operation, c, response);
      const etag = response.headers.get('ETag');
      if (c.revalidate && etag && response.status === 200) {
        requests++;
        const again = await apps[c.access].request(url, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), 'If-None-Match': etag },
        });
        statuses.set(again.status, (statuses.get(again.status) ?? 0) + 1);
        const more = await violationsOf(contract, operation, c, again);
        violations.push(...more.map((violation) => `${violation} (asked again with If-None-Match)`));
      }
      for (const violation of violations) {
        const kind = violation.split(':')[0] as string;
        if (!found.has(kind)) {
          found.set(
            kind,
            `${violation.slice(0, 500)}\n    by ${operation.method} ${url} (auth ${c.auth}, READ_ACCESS=${c.access}, broken: ${c.mutation})`,
          );
        }
      }
    }),
    { seed: SEED, numRuns: RUNS[operation.id] ?? DEFAULT_RUNS },
  );
  return { violations: [...found.values()].map((text) => `${text} [seed ${SEED}]`), statuses };
}

describe('the OpenAPI document is the contract', () => {
  it('given the document, then it has every operation the app serves', () => {
    expect(contract.operations.length).toBeGreaterThan(20);
  });

  // One test per operation, named by it, so a failure says which.
  const operationIds = [
    'GET /healthz',
    'GET /readyz',
    'GET /api/v1/plans',
    'GET /api/v1/plans/{planId}',
    'POST /api/v1/tokens',
    'GET /api/v1/tokens',
    'GET /api/v1/tokens/{tokenId}',
    'POST /api/v1/tokens/{tokenId}/revoke',
    'POST /api/v1/imports',
    'GET /api/v1/imports',
    'GET /api/v1/imports/{importId}',
    'GET /api/v1/regions/{region}/indicators/{indicator}/history',
    'GET /api/v1/plans/{planId}/template',
    'POST /api/v1/regions/{region}/indicators/{indicator}/values',
    'POST /api/v1/regions/{region}/indicators/{indicator}/values/retract',
    'GET /api/v1/plans/{planId}/progress',
    'GET /api/v1/plans/{planId}/scorecard',
    'GET /api/v1/regions/{region}/indicators/{indicator}/trajectory',
    'GET /api/v1/indicators/{indicator}/compare',
    'GET /api/v1/projections',
    'POST /api/v1/projections/rebuild',
    'GET /api/v1/jobs',
    'GET /api/v1/openapi.json',
    'GET /docs',
    'GET /docs/scalar.js',
  ];
  it('given the list below, then it names every operation of the document', () => {
    expect(contract.operations.map((operation) => operation.id).sort()).toEqual([...operationIds].sort());
  });
  it.each(operationIds)(
    'given generated requests to %s, then every answer is as documented',
    async (id) => {
      const operation = contract.operations.find((candidate) => candidate.id === id);
      if (!operation) throw new Error(`${id} is not in the document`);
      const { violations, statuses } = await exercise(operation);
      expect(violations).toEqual([]);
      // Not vacuous: the generated requests reached the operation's success, and its refusals where it has any.
      const seen = [...statuses.keys()];
      const documented = Object.keys(operation.responses).map(Number);
      const success = documented.filter(
        (status) => status >= 200 && status < 300 && !(id === 'GET /docs/scalar.js'),
      );
      if (success.length > 0)
        expect(
          seen.some((status) => success.includes(status)),
          `${id}: ${seen}`,
        ).toBe(true);
      if (documented.some((status) => status >= 400 && status < 500 && status !== 404)) {
        expect(
          seen.some((status) => status >= 400),
          `${id}: ${seen}`,
        ).toBe(true);
      }
      console.info(
        `${id}: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
      );
    },
    60_000,
  );
});
