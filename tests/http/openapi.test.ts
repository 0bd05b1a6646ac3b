import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import type { AppDeps } from '../../src/http/deps.ts';
import { openTestDatabase } from '../support/database.ts';

// The contract needs no catalog: a migrated database is enough.
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const depsWith = (overrides: Partial<AppDeps> = {}): AppDeps => ({
  db: database.db,
  config: { readAccess: 'public' },
  catchUp: async () => {},
  ...overrides,
});
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

// The dashboard's page and its static files are not part of the API.
const isDashboard = (path: string) => path === '/' || path.startsWith('/static/');

describe('GET /api/v1/openapi.json', () => {
  it('given the app, then the document is valid OpenAPI 3.1 by @readme/openapi-parser', async () => {
    const response = await createApp(depsWith()).request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as Document;
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, JSON.stringify(result.valid ? result.warnings : result.errors, null, 2)).toBe(true);
  });

  it('given every route the app answers, then each is in the document with its method', async () => {
    const app = createApp(depsWith());
    const document = (await (await app.request('/api/v1/openapi.json')).json()) as Document;
    const routes = app.routes
      .filter((route) => route.method !== 'ALL' && !isDashboard(route.path))
      .map(
        (route) => `${route.method.toLowerCase()} ${route.path.replace(/:([^/{]+)(\{[^}]*\})?/g, '{$1}')}`,
      );
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(10);
    expect([...new Set(routes)].filter((route) => !documented.includes(route))).toEqual([]);
    for (const route of [
      'get /healthz',
      'get /readyz',
      'get /api/v1/plans',
      'get /api/v1/plans/{planId}',
      'post /api/v1/tokens',
      'get /api/v1/tokens',
      'post /api/v1/tokens/{tokenId}/revoke',
      'post /api/v1/regions/{region}/indicators/{indicator}/values',
      'post /api/v1/regions/{region}/indicators/{indicator}/values/retract',
      'get /docs',
    ]) {
      expect(documented).toContain(route);
    }
  });

  it('given a write route, then its problem responses are documented as application/problem+json', async () => {
    const document = (await (await createApp(depsWith()).request('/api/v1/openapi.json')).json()) as Document;
    const write = document.paths['/api/v1/regions/{region}/indicators/{indicator}/values']?.post;
    for (const status of ['400', '401', '403', '413', '415']) {
      expect(write?.responses[status]).toMatchObject({
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
  });

  it('given issue 14, then it documents the implausible severity, the confirmation fields and the completeness route', async () => {
    const document = (await (await createApp(depsWith()).request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    };
    const schemas = document.components.schemas;
    expect(schemas.ImportProblem?.properties?.severity?.enum).toEqual(['error', 'implausible', 'warning']);
    expect(Object.keys(schemas.ImportProblem?.properties ?? {})).toContain('implausible');
    expect(schemas.ImplausibleDetail?.properties?.rule?.enum).toEqual([
      'unit_slip',
      'share_as_fraction',
      'past_target',
      'jump',
    ]);
    expect(Object.keys(schemas.ImportUpload?.properties ?? {})).toEqual(
      expect.arrayContaining(['confirmImplausible', 'confirmCells']),
    );
    expect(Object.keys(schemas.ValueReport?.properties ?? {})).toContain('confirmImplausible');
    expect(Object.keys(schemas.HistoryEntry?.properties ?? {})).toContain('implausible');
    expect(document.paths['/api/v1/plans/{planId}/completeness']?.get).toBeDefined();
    expect(Object.keys(schemas.YearCompleteness?.properties ?? {})).toEqual(
      expect.arrayContaining(['expected', 'reported', 'share', 'lastReportAt', 'deadline', 'inByDeadline']),
    );
  });

  it('given READ_ACCESS=token, then the document stays public', async () => {
    const closed = createApp(depsWith({ config: { readAccess: 'token' } }));
    expect((await closed.request('/api/v1/openapi.json')).status).toBe(200);
  });
});

describe('GET /docs', () => {
  it('given the standalone script, then the reference page loads it from this server and nothing from the internet', async () => {
    const app = createApp(depsWith({ docsScript: async () => 'window.Scalar = {};' }));
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<script src="/docs/scalar.js">');
    // The document travels in the page (no second request that a cold start could lose).
    expect(html).toContain('/api/v1/imports');
    expect(html).toContain('3.1.0');
    expect(html).not.toMatch(/src="https?:/);
    const script = await app.request('/docs/scalar.js');
    expect(script.headers.get('Content-Type')).toContain('text/javascript');
    expect(await script.text()).toBe('window.Scalar = {};');
  });

  it('given no standalone script, then the page uses Scalar’s CDN and /docs/scalar.js says why it is missing', async () => {
    const app = createApp(depsWith());
    expect(await (await app.request('/docs')).text()).toContain(
      'https://cdn.jsdelivr.net/npm/@scalar/api-reference',
    );
    const script = await app.request('/docs/scalar.js');
    expect(script.status).toBe(404);
    expect(await script.json()).toMatchObject({ code: 'docs_script_not_bundled' });
  });
});
