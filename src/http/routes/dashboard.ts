import type { Context } from 'hono';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppDeps, StaticAssets } from '../deps.ts';
import { notFound } from '../problem.ts';
import { isNotModified } from '../read-response.ts';

/**
 * The dashboard: GET / serves the page, GET /static/… its scripts, styles and the charting library. The page
 * reads and writes only through the public API. Files come through deps.assets (disk on Node, the bundle on
 * Workers); nothing is loaded from another origin, which the page's Content-Security-Policy enforces.
 */

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** What may be asked for under /static/: page scripts, styles and images, and the vendored library. */
const ASSET_PATH = /^(?:vendor\/)?[a-z0-9][a-z0-9-]*(?:\.min)?\.(js|css|svg)$/;

const PAGE_HEADERS = {
  // ECharts writes inline styles (tooltips); every script and request stays on this origin.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'Referrer-Policy': 'no-referrer',
};

async function contentTag(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return `"${Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}"`;
}

async function serveAsset(
  c: Context,
  assets: StaticAssets | undefined,
  path: string,
  extra: Record<string, string> = {},
) {
  const type = TYPES[path.slice(path.lastIndexOf('.') + 1)];
  const bytes = type ? await assets?.read(path) : undefined;
  if (!type || !bytes) {
    return notFound(c, 'asset_not_found', {
      zh: assets ? `没有这个文件：${path}` : '此部署未提供仪表板页面',
      en: assets ? `no such file: ${path}` : 'this deployment serves no dashboard',
    });
  }
  // Revalidated on every load (no-cache), so a new release shows at once; an unchanged file costs a 304.
  const headers: Record<string, string> = {
    ETag: await contentTag(bytes),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  };
  if (isNotModified(c, headers.ETag as string)) return c.body(null, 304, headers);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': type, ...headers });
}

export const dashboardRoutes = (deps: AppDeps) =>
  new Hono()
    // Middleware by path, not '*': mounted at '/', a '*' would reach every API route too.
    .get('/', compress(), (c) => serveAsset(c, deps.assets, 'index.html', PAGE_HEADERS))
    .get('/static/*', compress(), (c) => {
      const path = c.req.path.slice('/static/'.length);
      if (!ASSET_PATH.test(path)) {
        return notFound(c, 'asset_not_found', { zh: `没有这个文件：${path}`, en: `no such file: ${path}` });
      }
      return serveAsset(c, deps.assets, path);
    });
