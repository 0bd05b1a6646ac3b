import type { Comparator, Direction, Tier } from '../domain/vocabulary.ts';

/** One stated value of a cell: for the indicator as a whole, a part (示范) or a government tier (省级). */
export interface StatedCellValue {
  part: string | null;
  tier: Tier;
  comparator: Comparator;
  value: number;
  /** A range's upper bound (between). */
  upper?: number | undefined;
}

const SYMBOL: Record<Comparator, string> = {
  eq: '=',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  approx: '≈',
  between: '',
};

/** A stated number: a range as the plans print it (3到5), anything else as its number. */
const numberText = (v: StatedCellValue) =>
  v.comparator === 'between' && v.upper !== undefined ? `${v.value}到${v.upper}` : String(v.value);
const TIER_LABEL: Record<NonNullable<Tier>, string> = { province: '省级', city: '市级', county: '县级' };
const TIER_ORDER: NonNullable<Tier>[] = ['province', 'city', 'county'];

/**
 * A cell's values written the way the plans print them and the value grammar reads them back: a bare number
 * when the comparator is the column's default (eq for actuals; ≥ for a target of a higher-is-better indicator),
 * ＞0.71 otherwise; 10（20） for two parts, 100、20、12 for three, 省级>90，市级>80，县级>70 for tiers, and
 * 城市：100，农村：>4 when only some parts are stated. A plain number comes back as a number, for a number cell.
 */
export function renderCell(
  values: readonly StatedCellValue[],
  context: {
    column: 'actual' | 'target';
    direction: Direction;
    parts: readonly { code: string; name: string }[];
  },
): string | number | null {
  if (values.length === 0) return null;
  const bare: Comparator =
    context.column === 'actual' ? 'eq' : context.direction === 'decrease' ? 'lte' : 'gte';
  const one = (v: StatedCellValue) =>
    v.comparator === bare ? String(v.value) : `${SYMBOL[v.comparator]}${numberText(v)}`;
  const labelled = (label: string, v: StatedCellValue) =>
    v.comparator === bare
      ? `${label}：${v.value}`
      : v.comparator === 'between'
        ? `${label}：${numberText(v)}`
        : `${label}${SYMBOL[v.comparator]}${v.value}`;
  const [first] = values;
  if (values.length === 1 && first && first.part === null && first.tier === null) {
    return first.comparator === bare ? first.value : one(first);
  }
  if (values.every((v) => v.tier !== null && v.part === null)) {
    return TIER_ORDER.flatMap((tier) =>
      values.filter((v) => v.tier === tier).map((v) => labelled(TIER_LABEL[tier], v)),
    ).join('，');
  }
  if (values.every((v) => v.part !== null && v.tier === null)) {
    const byPart = context.parts.map((part) => values.find((v) => v.part === part.code));
    if (byPart.every((v) => v !== undefined)) {
      const stated = byPart as StatedCellValue[];
      if (stated.length === 2)
        return `${one(stated[0] as StatedCellValue)}（${one(stated[1] as StatedCellValue)}）`;
      return stated.map(one).join('、');
    }
    return context.parts
      .flatMap((part) => values.filter((v) => v.part === part.code).map((v) => labelled(part.name, v)))
      .join('，');
  }
  throw new Error(`cannot write ${JSON.stringify(values)} in one cell: it mixes the whole, parts and tiers`);
}
