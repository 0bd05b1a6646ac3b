import { normaliseName } from '../domain/value-grammar.ts';
import type { CatalogIndicator, CatalogIndicators } from './import-catalog.ts';

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
   * Normalised name → the code, or the codes when several indicators share it. Built when a row is first matched
   * by a name: our templates' rows carry the code, and a national catalog's 84,000 names normalised cost a second
   * and megabytes that such a sheet never uses.
   */
  private names: Map<string, string | string[]> | undefined;

  constructor(private readonly indicators: CatalogIndicators) {}

  private get byName(): Map<string, string | string[]> {
    if (this.names) return this.names;
    const byName = new Map<string, string | string[]>();
    for (const indicator of this.indicators.values()) {
      for (const name of [indicator.name, ...indicator.aliases]) {
        const key = normaliseName(name);
        if (key === '') continue;
        const codes = byName.get(key);
        if (codes === undefined) byName.set(key, indicator.code);
        else if (typeof codes === 'string') {
          if (codes !== indicator.code) byName.set(key, [codes, indicator.code]);
        } else if (!codes.includes(indicator.code)) codes.push(indicator.code);
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
    if (codes === undefined) return { kind: 'none' };
    if (typeof codes !== 'string') return { kind: 'ambiguous', codes: [...codes].sort() };
    const indicator = this.indicators.get(codes);
    return indicator ? { kind: 'found', indicator } : { kind: 'none' };
  }
}
