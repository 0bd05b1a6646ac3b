import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { StaticAssets } from '../deps.ts';

/** Files served from elsewhere than this folder: the charting library comes from its npm package, not a CDN. */
const VENDORED: Record<string, () => string> = {
  'vendor/echarts.min.js': () =>
    join(dirname(createRequire(import.meta.url).resolve('echarts')), 'echarts.min.js'),
};

/** Safe relative names only: no `..`, no absolute path, no hidden file. */
const SAFE_PATH = /^(?:[a-z0-9][a-z0-9_-]*\/)*[a-z0-9][a-z0-9._-]*$/i;

/** The dashboard's files on Node: this folder on disk, read on each request (edits show on reload). */
export function nodeAssets(folder: string = import.meta.dirname): StaticAssets {
  return {
    async read(path) {
      const vendored = VENDORED[path];
      if (!vendored && (!SAFE_PATH.test(path) || path.includes('..'))) return undefined;
      const file = vendored ? vendored() : join(folder, path);
      try {
        return new Uint8Array(await readFile(file));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
        throw error;
      }
    },
  };
}
