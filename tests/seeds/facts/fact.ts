import type { Comparator } from '../../../src/domain/vocabulary.ts';

/**
 * One quantitative fact a reader finds in a plan document, as the document prints it:
 * - a `target` (the plan, the region it is for, and what it says),
 * - a `citation`: another place of the same document stating a target already listed, with the same value,
 * - a `restatement`: another place stating a target already listed with a different bound or wording (the
 *   table's ≥20, the prose's 超过20): the target keeps its current value, and the place is one of its citations
 *   with its own value (`stated`), so a reader sees both; comparator, value and unit are the place's own,
 * - a `baseline`: an actual value of a region (the status chapters' 十一五期间 / 截至2010年 / 目前, the tables'
 *   2010 column), whether or not a target is set for it.
 * `printed` is the text exactly as the document prints it: the test finds it verbatim in the document.
 */
export type Fact =
  | [
      kind: 'target' | 'citation' | 'restatement',
      planId: string,
      indicator: string,
      part: string | null,
      tier: 'province' | 'city' | 'county' | null,
      year: number,
      basis: 'level' | 'annual_growth',
      comparator: Comparator,
      value: number,
      unit: string,
      printed: string,
      /** A range's upper bound (comparator between: 3到5个). */
      upper?: number,
    ]
  | [
      kind: 'baseline',
      regionCode: string,
      indicator: string,
      part: string | null,
      tier: null,
      year: number,
      basis: 'level',
      comparator: Comparator,
      value: number,
      unit: string,
      printed: string,
    ];

export interface DocumentFacts {
  prefix: string;
  document: string;
  title: string;
  facts: Fact[];
}
