// The wrangler.toml rule imports this file as text; the declaration is in text-modules.d.ts.
import echartsScript from 'echarts/dist/echarts.min.js';
import type { StaticAssets } from '../http/deps.ts';

/** The Workers Static Assets binding (wrangler.toml [assets]): files of src/http/static, by URL path. */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/**
 * The dashboard's files on Workers: src/http/static uploaded as static assets and read through their binding (the
 * app serves them, with its headers, since run_worker_first sends every request to it), and the charting library
 * from the bundle, where wrangler put it as text (Node reads it from node_modules).
 */
export function workersAssets(binding: AssetsBinding): StaticAssets {
  let echarts: Uint8Array | undefined;
  return {
    async read(path) {
      if (path === 'vendor/echarts.min.js') {
        echarts ??= new TextEncoder().encode(echartsScript);
        return echarts;
      }
      // The dashboard route only asks for names it accepts; the host is never contacted.
      const response = await binding.fetch(new Request(`https://assets.invalid/${path}`));
      if (!response.ok) return undefined;
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

/** Scalar's standalone script, vendored beside the dashboard (src/http/static/vendor): /docs needs no CDN here either. */
export const workersDocsScript = (assets: StaticAssets) => () =>
  assets.read('vendor/scalar-api-reference.js');
