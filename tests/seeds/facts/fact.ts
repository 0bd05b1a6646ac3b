import type { Comparator } from '../../../src/domain/vocabulary.ts';

/**
 * One quantitative fact a reader finds in a plan document, as the document prints it:
 * - a `target` (the plan, the region it is for, and what it says),
 * - a `citation`: another place of the same document stating a target already listed, with the same value,
 * - a `baseline`: an actual value of a region (the status chapters' 十一五期间 / 截至2010年 / 目前, the tables'
 *   2010 column), whether or not a target is set for it.
 * `printed` is the text exactly as the document prints it: the test finds it verbatim in the document.
 */
export type Fact =
  | [
      kind: 'target' | 'citation',
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
