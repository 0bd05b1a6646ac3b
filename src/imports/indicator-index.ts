import { normaliseName } from '../domain/value-grammar.ts';
import type { CatalogIndicator } from './import-catalog.ts';

export type IndicatorMatch =
  | { kind: 'found'; indicator: CatalogIndicator }
  | { kind: 'ambiguous'; codes: string[] }
  | { kind: 'none' };

/**
 * Finds an indicator by the name a sheet gives it: the catalog name or any alias, compared after normaliseName
 * (full-width/half-width, spaces, bracket styles, the unit in brackets).
 */
export class IndicatorIndex {
  /**
   * Built when a row is first matched by a name: our templates' rows carry the code, and a national catalog's
   * 84,000 names normalised cost a second and tens of MB that such a sheet never uses.
   */
  private names: Map<string, Set<string>> | undefined;

  constructor(private readonly indicators: ReadonlyMap<string, CatalogIndicator>) {}

  private get byName(): Map<string, Set<string>> {
    if (this.names) return this.names;
    const byName = new Map<string, Set<string>>();
    for (const indicator of this.indicators.values()) {
      for (const name of [indicator.name, ...indicator.aliases]) {
        const key = normaliseName(name);
        if (key === '') continue;
        const codes = byName.get(key) ?? new Set<string>();
        codes.add(indicator.code);
        byName.set(key, codes);
      }
    }
    this.names = byName;
    return byName;
  }

  byCode(code: string): CatalogIndicator | undefined {
    return this.indicators.get(code.trim());
  }

  match(text: string): IndicatorMatch {
    const codes = this.byName.get(normaliseName(text));
    if (!codes || codes.size === 0) return { kind: 'none' };
    if (codes.size > 1) return { kind: 'ambiguous', codes: [...codes].sort() };
    const indicator = this.indicators.get([...codes][0] ?? '');
    return indicator ? { kind: 'found', indicator } : { kind: 'none' };
  }
}
