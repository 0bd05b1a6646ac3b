import { Comparator } from '../domain/vocabulary.ts';
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
/** Years are stored beside the series they belong to: a point is series × YEAR_SLOTS + year. */
const YEAR_SLOTS = 10_000;

/**
 * The points (series × year) a file has given so far, with the first value of each, kept compact: a national
 * sheet has 420,000 of them, and a Map of strings to objects held 87 MB of them. A series (kind, region,
 * indicator, part, tier, plan) gets a number once; a point is a number keyed to an entry of typed arrays; the
 * printed text is kept only where it is not the value itself (a percent cell, text with a comparator).
 */
export class SeenPoints {
  private readonly seriesIds = new Map<string, number>();
  private readonly entries = new Map<number, number>();
  private readonly sheets: string[] = [];
  private readonly sheetIds = new Map<string, number>();
  private values = new Float64Array(1024);
  private comparators = new Uint8Array(1024);
  private sheetOf = new Uint16Array(1024);
  private rows = new Uint32Array(1024);
  private columns = new Uint32Array(1024);
  private readonly printed = new Map<number, string>();
  /** Cells whose address is not plain A1 (none that exceljs gives): kept as they are. */
  private readonly odd = new Map<number, string>();
  private size = 0;

  /** The first observation of the same point, or undefined (and this one is remembered as the first). */
  firstOf(o: ReadObservation): FirstSeen | undefined {
    const series = `${o.kind}|${o.region}|${o.indicator.code}|${o.part ?? ''}|${o.tier ?? ''}|${o.planId ?? ''}`;
    let id = this.seriesIds.get(series);
    if (id === undefined) {
      id = this.seriesIds.size;
      this.seriesIds.set(series, id);
    }
    const point = id * YEAR_SLOTS + o.year;
    const known = this.entries.get(point);
    if (known !== undefined) return this.entry(known);
    this.remember(point, o);
    return undefined;
  }

  private remember(point: number, o: ReadObservation): void {
    if (this.size === this.values.length) this.grow();
    const n = this.size++;
    this.entries.set(point, n);
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
    const grown = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(
      old: T,
      make: (n: number) => T,
    ) => {
      const next = make(length);
      next.set(old as never);
      return next;
    };
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
