import type { Comparator, Tier } from '../domain/vocabulary.ts';
import type { CatalogIndicators, CatalogTarget, CatalogTargets } from './import-catalog.ts';
import { TextPool } from './string-column.ts';

/** Pool id of null (a target without part or tier); '' is read back as null there too, as the loader reads it. */
const NULL = 0;
/** Plan, region, part, tier, basis, comparator, unit. */
const TEXTS = 7;

/**
 * The catalog's targets as columns grouped by indicator: each text (plan, region, part, tier, basis, comparator,
 * unit) a number into a pool, year, value and upper bound as numbers. 84,000 target objects and the index of them
 * per indicator took 18 MB of a national import's live heap, which V8 lets grow to about four times its live size
 * before it collects; as typed arrays they live outside the heap. A target is made when asked for. Targets of an
 * indicator the table does not know (none in a consistent catalog) are kept as they are.
 */
export class TargetTable implements CatalogTargets {
  /** The targets of indicator row r are rows first[r] to first[r + 1] - 1. */
  private readonly first: Uint32Array;
  private readonly texts: Uint32Array;
  private readonly years: Int32Array;
  private readonly values: Float64Array;
  private readonly uppers: Float64Array;

  /** The table of a list of targets (a catalog loaded a page at a time uses TargetTableBuilder). */
  static of(targets: Iterable<CatalogTarget>, indicators: CatalogIndicators): TargetTable {
    const builder = new TargetTableBuilder(indicators);
    for (const target of targets) builder.add(target);
    return builder.build();
  }

  constructor(
    loaded: Omit<TargetTableBuilder, 'add' | 'build'>,
    private readonly indicators: CatalogIndicators,
    private readonly pool: TextPool,
    private readonly strays: ReadonlyMap<string, CatalogTarget[]>,
  ) {
    const count = loaded.rows.length;
    this.first = new Uint32Array(indicators.size + 1);
    for (const row of loaded.rows) this.first[row + 1] = (this.first[row + 1] ?? 0) + 1;
    for (let row = 0; row < indicators.size; row++)
      this.first[row + 1] = (this.first[row + 1] ?? 0) + (this.first[row] ?? 0);
    this.texts = new Uint32Array(count * TEXTS);
    this.years = new Int32Array(count);
    this.values = new Float64Array(count);
    this.uppers = new Float64Array(count);
    // A counting sort by indicator row, stable: each indicator's targets keep the order they were loaded in.
    const next = this.first.slice(0, indicators.size);
    for (const [i, row] of loaded.rows.entries()) {
      const at = next[row] ?? 0;
      next[row] = at + 1;
      for (let k = 0; k < TEXTS; k++) this.texts[at * TEXTS + k] = loaded.texts[i * TEXTS + k] ?? NULL;
      this.years[at] = loaded.years[i] ?? 0;
      this.values[at] = loaded.values[i] ?? Number.NaN;
      this.uppers[at] = loaded.uppers[i] ?? Number.NaN;
    }
  }

  get size(): number {
    let strays = 0;
    for (const targets of this.strays.values()) strays += targets.length;
    return this.values.length + strays;
  }

  of(indicatorCode: string): CatalogTarget[] {
    const row = this.indicators.rowOf(indicatorCode);
    if (row < 0) return [...(this.strays.get(indicatorCode) ?? [])];
    const targets: CatalogTarget[] = [];
    for (let at = this.first[row] ?? 0; at < (this.first[row + 1] ?? 0); at++)
      targets.push(this.at(at, indicatorCode));
    return targets;
  }

  *[Symbol.iterator](): Iterator<CatalogTarget> {
    let row = 0;
    for (const code of this.indicators.keys()) {
      for (let at = this.first[row] ?? 0; at < (this.first[row + 1] ?? 0); at++) yield this.at(at, code);
      row++;
    }
    for (const targets of this.strays.values()) yield* targets;
  }

  private at(at: number, indicatorCode: string): CatalogTarget {
    const text = (k: number) => this.pool.text(this.texts[at * TEXTS + k] ?? NULL);
    const nullable = (k: number) => ((this.texts[at * TEXTS + k] ?? NULL) === NULL ? null : text(k));
    const upper = this.uppers[at] ?? Number.NaN;
    return {
      planId: text(0),
      regionCode: text(1),
      indicatorCode,
      part: nullable(2),
      tier: nullable(3) as Tier,
      year: this.years[at] ?? 0,
      basis: text(4),
      comparator: text(5) as Comparator,
      value: this.values[at] ?? Number.NaN,
      upper: Number.isNaN(upper) ? null : upper,
      unit: text(6),
    };
  }
}

/**
 * Collects targets one at a time, keeping only numbers of each (not the loaded rows): the indicators' table must
 * be complete first, as each target is placed by its indicator's row.
 */
export class TargetTableBuilder {
  readonly rows: number[] = [];
  readonly texts: number[] = [];
  readonly years: number[] = [];
  readonly values: number[] = [];
  readonly uppers: number[] = [];
  private readonly pool = new TextPool();
  private readonly strays = new Map<string, CatalogTarget[]>();

  constructor(private readonly indicators: CatalogIndicators) {
    this.pool.id('');
  }

  add(target: CatalogTarget): void {
    const row = this.indicators.rowOf(target.indicatorCode);
    if (row < 0) {
      const strays = this.strays.get(target.indicatorCode);
      if (strays) strays.push(target);
      else this.strays.set(target.indicatorCode, [target]);
      return;
    }
    this.rows.push(row);
    const { planId, regionCode, part, tier, basis, comparator, unit } = target;
    for (const text of [planId, regionCode, part, tier, basis, comparator, unit])
      this.texts.push(text === null ? NULL : this.pool.id(text));
    this.years.push(target.year);
    this.values.push(target.value);
    this.uppers.push(target.upper ?? Number.NaN);
  }

  build(): TargetTable {
    return new TargetTable(this, this.indicators, this.pool, this.strays);
  }
}
