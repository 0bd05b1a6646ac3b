import type { Comparator, Source } from '../../domain/vocabulary.ts';
import type { FoldedEventOf } from '../folded-event.ts';

/** One statement in a value's history: reported, revised to another value, or retracted. */
export interface SeriesChange {
  change: 'reported' | 'revised' | 'retracted';
  comparator: Comparator;
  value: number;
  unit: string;
  source: Source;
  /** When the statement was made (the event's occurredAt) and when the log recorded it. */
  occurredAt: string;
  recordedAt: string;
}

/**
 * The current value of one region × indicator × part × year, as its unit was stated, with every earlier
 * statement. `current` is null once the value has been retracted (and not reported again).
 */
export interface SeriesValue {
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  year: number;
  current: { comparator: Comparator; value: number; unit: string; source: Source } | null;
  /** How many times a reported value was replaced by a different one (ValueRevised). */
  revisions: number;
  history: SeriesChange[];
}

/** What progress reads of a value: its key and its current statement (the rest of SeriesValue it ignores). */
export interface CurrentValue {
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  year: number;
  current: { comparator: Comparator; value: number; unit: string } | null;
}

export type SeriesEvent = FoldedEventOf<'ValueReported' | 'ValueRevised' | 'ValueRetracted'>;

export const isSeriesEvent = (event: { type: string }): event is SeriesEvent =>
  event.type === 'ValueReported' || event.type === 'ValueRevised' || event.type === 'ValueRetracted';

export const seriesValueKey = (v: {
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  year: number;
}) => `${v.regionCode}|${v.indicatorCode}|${v.part ?? ''}|${v.year}`;

let lastTime = Number.NaN;
let lastIso = '';
/**
 * date.toISOString(), the same string again for the same instant: a log's events come in appends that share
 * one timestamp, and a replay keeps a string per statement (one, not one per event, for each append).
 */
export function isoString(date: Date): string {
  const time = date.getTime();
  if (time !== lastTime) {
    lastIso = date.toISOString();
    lastTime = time;
  }
  return lastIso;
}

/** The value after one more event about it. Pure: the SQL projection and the as-of view both fold with it. */
export function evolveSeriesValue(previous: SeriesValue | undefined, event: SeriesEvent): SeriesValue {
  const { regionCode, indicatorCode, part, year, source } = event.data;
  // Built field by field, no spreads (a replay calls this once per value event of the log); the keys keep the
  // order the stored documents have always had.
  const occurredAt = event.metadata.occurredAt;
  const recordedAt = isoString(event.recordedAt);
  const history: SeriesChange[] = previous ? previous.history.slice() : [];
  let current: SeriesValue['current'] = null;
  let revisions = previous?.revisions ?? 0;
  if (event.type === 'ValueRetracted') {
    const { comparator, value, unit } = event.data.previous;
    history.push({ change: 'retracted', comparator, value, unit, source, occurredAt, recordedAt });
  } else {
    const { comparator, value, unit } = event.data;
    current = { comparator, value, unit, source };
    if (event.type === 'ValueRevised') revisions += 1;
    const change = event.type === 'ValueRevised' ? 'revised' : 'reported';
    history.push({ change, comparator, value, unit, source, occurredAt, recordedAt });
  }
  return {
    regionCode: previous ? previous.regionCode : regionCode,
    indicatorCode: previous ? previous.indicatorCode : indicatorCode,
    part: previous ? previous.part : part,
    year: previous ? previous.year : year,
    current,
    revisions,
    history,
  };
}
