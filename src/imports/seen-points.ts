import { Comparator } from '../domain/vocabulary.ts';
import type { CatalogIndicators } from './import-catalog.ts';
import type { ReadObservation } from './report.ts';
import { columnLetters } from './workbook.ts';

/** The first observation of a point, as much of it as a later repeat's message needs. */
export interface FirstSeen {
  cell: string;
  comparator: Comparator;
  value: number;
  printed: string;
}

const COMPARATORS = Comparator.options;
const NONE = -1;

/**
 * The points (series × year) a file has given so far, with the first value of each, kept outside V8's heap: a
 * national sheet has 420,000 of them, and V8 lets its heap grow to about four times what is live before it
 * collects. A series is its indicator's catalog row within the rest of it (kind, region, part, tier, plan), of
 * which a sheet has a handful: each such rest has an array over the catalog's rows holding the series' last point;
 * a point is an entry of typed arrays, linked to the series' previous point. The printed text is kept only where
 * it is not the value itself (a percent cell, text with a comparator).
 */
export class SeenPoints {
  private readonly rests = new Map<string, Int32Array>();
  /** Codes the catalog does not have (none that the reader makes): given rows after the catalog's. */
  private readonly unknown = new Map<string, number>();
  private readonly sheets: string[] = [];
  private readonly sheetIds = new Map<string, number>();
  private previous = new Int32Array(1024);
  private years = new Int32Array(1024);
  private values = new Float64Array(1024);
  private comparators = new Uint8Array(1024);
  private sheetOf = new Uint16Array(1024);
  private rows = new Uint32Array(1024);
  private columns = new Uint32Array(1024);
  private readonly printed = new Map<number, string>();
  /** Cells whose address is not plain A1 (none that exceljs gives): kept as they are. */
  private readonly odd = new Map<number, string>();
  private size = 0;

  constructor(private readonly indicators: Pick<CatalogIndicators, 'rowOf' | 'size'>) {}

  /** The first observation of the same point, or undefined (and this one is remembered as the first). */
  firstOf(o: ReadObservation): FirstSeen | undefined {
    const row = this.rowOf(o.indicator.code);
    const last = this.lastOf(o, row);
    for (let n = last[row] ?? NONE; n !== NONE; n = this.previous[n] ?? NONE) {
      if (this.years[n] === o.year) return this.entry(n);
    }
    last[row] = this.remember(last[row] ?? NONE, o);
    return undefined;
  }

  /** The array over indicator rows of the observation's series rest, made when the rest is first seen. */
  private lastOf(o: ReadObservation, row: number): Int32Array {
    const rest = `${o.kind}|${o.region}|${o.part ?? ''}|${o.tier ?? ''}|${o.planId ?? ''}`;
    const last = this.rests.get(rest);
    if (last && row < last.length) return last;
    const longer = new Int32Array(Math.max(this.indicators.size, row + 1)).fill(NONE);
    if (last) longer.set(last);
    this.rests.set(rest, longer);
    return longer;
  }

  private rowOf(code: string): number {
    const row = this.indicators.rowOf(code);
    if (row >= 0) return row;
    let extra = this.unknown.get(code);
    if (extra === undefined) {
      extra = this.indicators.size + this.unknown.size;
      this.unknown.set(code, extra);
    }
    return extra;
  }

  private remember(previous: number, o: ReadObservation): number {
    if (this.size === this.values.length) this.grow();
    const n = this.size++;
    this.previous[n] = previous;
    this.years[n] = o.year;
    this.values[n] = o.value;
    this.comparators[n] = COMPARATORS.indexOf(o.comparator);
    let sheet = this.sheetIds.get(o.sheet);
    if (sheet === undefined) {
      sheet = this.sheets.push(o.sheet) - 1;
      this.sheetIds.set(o.sheet, sheet);
    }
    this.sheetOf[n] = sheet;
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(o.address) ?? [];
    if (letters && digits) {
      this.columns[n] = columnNumber(letters);
      this.rows[n] = Number(digits);
    } else this.odd.set(n, o.cell);
    if (o.printed !== String(o.value)) this.printed.set(n, o.printed);
    return n;
  }

  private entry(n: number): FirstSeen {
    const value = this.values[n] ?? Number.NaN;
    return {
      cell:
        this.odd.get(n) ??
        `${this.sheets[this.sheetOf[n] ?? 0]}!${columnLetters(this.columns[n] ?? 0)}${this.rows[n]}`,
      comparator: COMPARATORS[this.comparators[n] ?? 0] ?? 'eq',
      value,
      printed: this.printed.get(n) ?? String(value),
    };
  }

  private grow(): void {
    const length = this.values.length * 2;
    const grown = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array | Uint32Array>(
      old: T,
      make: (n: number) => T,
    ) => {
      const next = make(length);
      next.set(old as never);
      return next;
    };
    this.previous = grown(this.previous, (n) => new Int32Array(n));
    this.years = grown(this.years, (n) => new Int32Array(n));
    this.values = grown(this.values, (n) => new Float64Array(n));
    this.comparators = grown(this.comparators, (n) => new Uint8Array(n));
    this.sheetOf = grown(this.sheetOf, (n) => new Uint16Array(n));
    this.rows = grown(this.rows, (n) => new Uint32Array(n));
    this.columns = grown(this.columns, (n) => new Uint32Array(n));
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
}
