/**
 * Which regions a reporter's scope covers. GB/T 2260 codes nest by prefix: a province (320000) covers every
 * code starting 32, a city (320700) every code starting 3207, a county only itself. Pure: no I/O.
 */

/** The prefix a scope code covers: 32 for 320000, 3207 for 320700, the whole code for a county. */
export function scopePrefix(scope: string): string {
  if (scope.endsWith('0000')) return scope.slice(0, 2);
  if (scope.endsWith('00')) return scope.slice(0, 4);
  return scope;
}

/** True when `scope` is `region` or an administrative division above it. */
export const scopeCovers = (scope: string, region: string): boolean => region.startsWith(scopePrefix(scope));

/** True when any of the scopes covers `region`. */
export const scopesCover = (scopes: readonly string[], region: string): boolean =>
  scopes.some((scope) => scopeCovers(scope, region));
