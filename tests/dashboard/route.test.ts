import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { createApp } from '../../src/http/app.ts';
import type { AppDeps } from '../../src/http/deps.ts';
import { nodeAssets } from '../../src/http/static/node-assets.ts';
import { openTestDatabase } from '../support/database.ts';

/** GET / and /static/…: the page and every file it loads, from this app only, and nothing else from disk. */

let database: OpenDatabase;
let deps: AppDeps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await openTestDatabase();
  deps = { db: database.db, config: { readAccess: 'public' }, catchUp: async () => {}, assets: nodeAssets() };
  app = createApp(deps);
});
afterAll(() => database.close());

/** Every local file a page or module names: <script src>, <link href>, and ES module imports. */
function referencesOf(path: string, text: string): string[] {
  const found = path.endsWith('.html')
    ? [...text.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string)
    : [...text.matchAll(/(?:import|from)\s*['"](\.\/[^'"]+)['"]/g)].map(
        (m) => new URL(m[1] as string, `http://x${path}`).pathname,
      );
  return found;
}

describe('the dashboard page', () => {
  it('given GET /, then a Chinese page with a policy that keeps every script and request on this origin', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('Content-Security-Policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  it('given the page, when every script, stylesheet and module it loads is fetched, then each is served with its type', async () => {
    const seen = new Map<string, string>();
    const queue = ['/'];
    while (queue.length) {
      const path = queue.shift() as string;
      if (seen.has(path)) continue;
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      seen.set(path, response.headers.get('Content-Type') ?? '');
      if (path.includes('/vendor/')) continue;
      const text = await response.text();
      queue.push(...referencesOf(path === '/' ? '/index.html' : path, text));
    }
    expect(seen.get('/static/vendor/echarts.min.js')).toBe('text/javascript; charset=utf-8');
    expect(seen.get('/static/app.js')).toBe('text/javascript; charset=utf-8');
    expect(seen.get('/static/styles.css')).toBe('text/css; charset=utf-8');
    // The modules app.js imports, transitively (a missing one would break the page).
    expect([...seen.keys()].filter((p) => p.endsWith('.js')).length).toBeGreaterThan(8);
  });

  it('given ECharts, then it comes from the npm package, compressed, and an unchanged file revalidates with 304', async () => {
    const response = await app.request('/static/vendor/echarts.min.js', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const etag = response.headers.get('ETag') ?? '';
    expect(etag).not.toBe('');
    expect(response.headers.get('Cache-Control')).toBe('no-cache');
    const plain = await app.request('/static/vendor/echarts.min.js');
    const library = await plain.text();
    expect(library.length).toBeGreaterThan(500_000);
    expect(library).toContain('echarts');

    const again = await app.request('/static/vendor/echarts.min.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it.each([
    '/static/node-assets.ts',
    '/static/missing.js',
    '/static/%2e%2e/routes/dashboard.ts',
    '/static/..%2f..%2fserver.ts',
    '/static/vendor/echarts.js',
    '/static/.hidden.js',
  ])('given %s, then 404 and nothing from disk', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    // An encoded `..` is resolved by URL parsing before routing: then no route matches at all.
    expect(['asset_not_found', 'route_not_found']).toContain(
      ((await response.json()) as { code: string }).code,
    );
  });

  it('given the API, then the page’s policy and compression are not applied to it', async () => {
    const response = await app.request('/api/v1/plans', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBeNull();
    expect(response.headers.get('Content-Encoding')).toBeNull();
  });

  it('given a runtime that provides no files (deps.assets absent), then GET / says there is no dashboard', async () => {
    const bare = createApp({ ...deps, assets: undefined });
    const response = await bare.request('/');
    expect(response.status).toBe(404);
    const body = (await response.json()) as { code: string; message: { zh: string } };
    expect(body.code).toBe('asset_not_found');
    expect(body.message.zh).toBe('此部署未提供仪表板页面');
    expect((await bare.request('/api/v1/plans')).status).toBe(200);
  });
});
