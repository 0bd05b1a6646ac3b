import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../support/database.ts';
import { requestOf, type Tokens, violationsOf } from './contract-check.ts';
import { type Contract, contractOf, type OpenApiDocument, type Operation } from './contract-document.ts';
import { knownValues } from './contract-known.ts';
import { type Access, caseArbitrary, type Known } from './contract-requests.ts';
import { ADMIN_TOKEN, type HttpFixture, issueToken, openHttpFixture } from './support.ts';

/**
 * The contract is the truth: every operation of GET /api/v1/openapi.json is driven with requests generated
 * from its own schemas (valid and broken ones, with every kind of token and none, with READ_ACCESS public and
 * token), and every answer is checked against the document: no server error, no undocumented status, every
 * body fits its documented schema, a request the document allows is not refused as invalid, one it forbids
 * is not accepted. A fixed seed (CONTRACT_SEED to try another) and a bounded number of runs per operation;
 * each distinct violation is reported with the first request that showed it and the seed.
 *
 * Left to issue 12's item 7: NUL bytes and lone surrogates, and trailing slashes (contract-requests.ts skips
 * them). A page cursor is an opaque token: only issued ones are sent, as ids are (contract-requests.ts).
 */

const SEED = Number(process.env.CONTRACT_SEED ?? 20261206);
/** Runs per operation; writes that replay or parse whole files get fewer. */
const RUNS: Record<string, number> = {
  'POST /api/v1/imports': 60,
  'POST /api/v1/plans': 120,
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
  known = await knownValues(fixture.app);
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
    'POST /api/v1/plans',
    'GET /api/v1/plans/{planId}/evaluation',
    'POST /api/v1/exports/xlsx',
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
    'GET /api/v1/plans/{planId}/completeness',
    'GET /api/v1/indicators',
    'GET /api/v1/documents',
    'GET /api/v1/plans/{planId}/periods',
    'POST /api/v1/plans/{planId}/regions/{region}/years/{year}/submit',
    'POST /api/v1/plans/{planId}/regions/{region}/years/{year}/approve',
    'POST /api/v1/plans/{planId}/regions/{region}/years/{year}/reopen',
    'POST /api/v1/users',
    'GET /api/v1/users',
    'GET /api/v1/users/{userId}',
    'POST /api/v1/users/{userId}/disable',
    'POST /api/v1/users/{userId}/password',
    'POST /api/v1/sessions',
    'GET /api/v1/sessions/current',
    'DELETE /api/v1/sessions/current',
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
      // Every operation documents 400 text_invalid (a NUL in the URL, which these requests leave to
      // tests/reliability/bad-text-everywhere.test.ts): only an operation's own refusals must be reached.
      const ownRefusals = Object.entries(operation.responses)
        .filter(
          ([, response]) =>
            !/^A NUL or a lone surrogate/.test(String((response as { description?: string }).description)),
        )
        .map(([status]) => Number(status));
      if (ownRefusals.some((status) => status >= 400 && status < 500 && status !== 404)) {
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
