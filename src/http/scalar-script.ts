import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Node only: Scalar's standalone browser script, vendored (see static/vendor/README.md), so /docs loads nothing from the internet. */
export const scalarScriptPath = fileURLToPath(
  new URL('./static/vendor/scalar-api-reference.js', import.meta.url),
);

/** A loader for deps.docsScript: reads the script once, when /docs/scalar.js is first asked for. */
export function scalarScriptLoader(): () => Promise<string | undefined> {
  let script: Promise<string> | undefined;
  return () => {
    script ??= readFile(scalarScriptPath, 'utf8');
    return script;
  };
}
