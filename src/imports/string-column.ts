/**
 * Many strings kept as one string and an array of offsets: a national catalog's 84,000 codes or names cost one
 * string on the heap instead of 84,000 (each with its own header), and the offsets live outside it. A value read
 * back is a slice of the one string.
 */
export class StringColumn {
  private readonly text: string;
  /** Where value i ends (and i + 1 begins). */
  private readonly ends: Uint32Array;

  constructor(values: readonly string[]) {
    this.text = values.join('');
    this.ends = new Uint32Array(values.length);
    let end = 0;
    for (const [i, value] of values.entries()) {
      end += value.length;
      this.ends[i] = end;
    }
  }

  get length(): number {
    return this.ends.length;
  }

  at(i: number): string {
    return this.text.slice(this.start(i), this.ends[i]);
  }

  /** Value i compared with `key` as `<` compares strings (by UTF-16 code unit), without making a string. */
  compare(i: number, key: string): number {
    const start = this.start(i);
    const length = (this.ends[i] ?? start) - start;
    const common = Math.min(length, key.length);
    for (let k = 0; k < common; k++) {
      const difference = this.text.charCodeAt(start + k) - key.charCodeAt(k);
      if (difference !== 0) return difference;
    }
    return length - key.length;
  }

  /** In a column sorted by `<`: the index of `key`, or -1. */
  indexOf(key: string): number {
    let low = 0;
    let high = this.ends.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.compare(middle, key);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private start(i: number): number {
    return i === 0 ? 0 : (this.ends[i - 1] ?? 0);
  }
}

/** The few texts that repeat on every row (units, kinds, plans, regions) kept once, each known by a number. */
export class TextPool {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.push(text) - 1;
      this.ids.set(text, id);
    }
    return id;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }
}
