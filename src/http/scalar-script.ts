import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Node only: where Scalar's standalone browser script is on disk, so /docs loads nothing from the internet.
 * It ships in @scalar/api-reference (not a dependency yet) or can be vendored under src/http/static/vendor/.
 * Undefined when neither is there: the reference page then loads the script from Scalar's CDN.
 */
export function findScalarScript(): string | undefined {
  const candidates: (() => string)[] = [
    () => createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js'),
    () => createRequire(import.meta.url).resolve('@scalar/api-reference/dist/browser/standalone.js'),
    () => fileURLToPath(new URL('./static/vendor/scalar-api-reference.js', import.meta.url)),
  ];
  for (const candidate of candidates) {
    try {
      const path = candidate();
      createRequire(import.meta.url).resolve(path);
      return path;
    } catch {
      // not there: try the next place
    }
  }
  return undefined;
}

/** A loader for deps.docsScript: reads the script once, when /docs/scalar.js is first asked for. */
export function scalarScriptLoader(): (() => Promise<string | undefined>) | undefined {
  const path = findScalarScript();
  if (!path) return undefined;
  let script: Promise<string> | undefined;
  return () => {
    script ??= readFile(path, 'utf8');
    return script;
  };
}
