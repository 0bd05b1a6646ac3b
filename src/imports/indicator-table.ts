import type { Direction, IndicatorKind } from '../domain/vocabulary.ts';
import type { CatalogIndicator, CatalogIndicators } from './import-catalog.ts';
import { StringColumn, TextPool } from './string-column.ts';

type Extras = Pick<CatalogIndicator, 'parts' | 'aliases'>;
const NONE: Extras = { parts: [], aliases: [] };

/**
 * The catalog's indicators as columns: codes (sorted, found by binary search) and names each as one string, unit,
 * kind and direction as numbers into a pool, parts and aliases only for the indicators that have any. A national
 * catalog of 84,000 indicators held as a Map of objects took 15 MB of the import's live heap, which V8 lets grow
 * to about four times its live size before it collects; as columns it takes 3 MB. An indicator is made on demand
 * (the last one is kept: a row's values ask for the same one in turn); treat it as read-only.
 */
export class IndicatorTable implements CatalogIndicators {
  private readonly codes: StringColumn;
  private readonly names: StringColumn;
  private readonly units: Uint32Array;
  private readonly kinds: Uint32Array;
  private readonly directions: Uint32Array;
  private readonly extras = new Map<number, Extras>();
  private last: CatalogIndicator | undefined;
  private lastRow = -1;
  private lastCode: string | undefined;
  private lastCodeRow = -1;

  /** The table of a list of indicators (a catalog loaded a page at a time uses IndicatorTableBuilder). */
  static of(indicators: Iterable<CatalogIndicator>): IndicatorTable {
    const builder = new IndicatorTableBuilder();
    for (const indicator of indicators) builder.add(indicator);
    return builder.build();
  }

  constructor(
    loaded: Omit<IndicatorTableBuilder, 'add' | 'build'>,
    private readonly pool: TextPool,
  ) {
    // Rows in code order, so that a code is found by binary search.
    const order = Uint32Array.from(loaded.codes.keys()).sort((a, b) => {
      const x = loaded.codes[a] ?? '';
      const y = loaded.codes[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const ordered = <T>(column: readonly T[]) => Array.from(order, (i) => column[i] as T);
    this.codes = new StringColumn(ordered(loaded.codes));
    this.names = new StringColumn(ordered(loaded.names));
    this.units = Uint32Array.from(ordered(loaded.units));
    this.kinds = Uint32Array.from(ordered(loaded.kinds));
    this.directions = Uint32Array.from(ordered(loaded.directions));
    for (const [row, i] of order.entries()) {
      const extras = loaded.extras.get(i);
      if (extras) this.extras.set(row, extras);
    }
  }

  get size(): number {
    return this.codes.length;
  }

  rowOf(code: string): number {
    // A row's values ask for its indicator in turn (reading, checks, plausibility): one search for them all.
    if (code !== this.lastCode) {
      this.lastCode = code;
      this.lastCodeRow = this.codes.indexOf(code);
    }
    return this.lastCodeRow;
  }

  get(code: string): CatalogIndicator | undefined {
    const row = this.rowOf(code);
    return row < 0 ? undefined : this.at(row);
  }

  has(code: string): boolean {
    return this.rowOf(code) >= 0;
  }

  /** The indicator of a row (0 to size - 1). */
  at(row: number): CatalogIndicator {
    if (row === this.lastRow && this.last) return this.last;
    const { parts, aliases } = this.extras.get(row) ?? NONE;
    const indicator: CatalogIndicator = {
      code: this.codes.at(row),
      name: this.names.at(row),
      unit: this.pool.text(this.units[row] ?? 0),
      kind: this.pool.text(this.kinds[row] ?? 0) as IndicatorKind,
      direction: this.pool.text(this.directions[row] ?? 0) as Direction,
      parts,
      aliases,
    };
    this.last = indicator;
    this.lastRow = row;
    return indicator;
  }

  *keys(): IterableIterator<string> {
    for (let row = 0; row < this.size; row++) yield this.codes.at(row);
  }

  *values(): IterableIterator<CatalogIndicator> {
    for (let row = 0; row < this.size; row++) yield this.at(row);
  }
}

/** Collects indicators one at a time, keeping only what the table keeps of each (not the loaded rows). */
export class IndicatorTableBuilder {
  readonly codes: string[] = [];
  readonly names: string[] = [];
  readonly units: number[] = [];
  readonly kinds: number[] = [];
  readonly directions: number[] = [];
  readonly extras = new Map<number, Extras>();
  private readonly pool = new TextPool();

  add(indicator: CatalogIndicator): void {
    const i = this.codes.push(indicator.code) - 1;
    this.names.push(indicator.name);
    this.units.push(this.pool.id(indicator.unit));
    this.kinds.push(this.pool.id(indicator.kind));
    this.directions.push(this.pool.id(indicator.direction));
    if (indicator.parts.length > 0 || indicator.aliases.length > 0)
      this.extras.set(i, { parts: indicator.parts, aliases: indicator.aliases });
  }

  build(): IndicatorTable {
    return new IndicatorTable(this, this.pool);
  }
}
