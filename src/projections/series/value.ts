import type { EventOf } from '../../domain/events.ts';
import type { Comparator, Source } from '../../domain/vocabulary.ts';

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

export type SeriesEvent = EventOf<'ValueReported' | 'ValueRevised' | 'ValueRetracted'> & { recordedAt: Date };

export const seriesValueKey = (v: {
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  year: number;
}) => `${v.regionCode}|${v.indicatorCode}|${v.part ?? ''}|${v.year}`;

/** The value after one more event about it. Pure: the SQL projection and the as-of view both fold with it. */
export function evolveSeriesValue(previous: SeriesValue | undefined, event: SeriesEvent): SeriesValue {
  const { regionCode, indicatorCode, part, year, source } = event.data;
  const base: SeriesValue = previous ?? {
    regionCode,
    indicatorCode,
    part,
    year,
    current: null,
    revisions: 0,
    history: [],
  };
  const at = { occurredAt: event.metadata.occurredAt, recordedAt: event.recordedAt.toISOString() };
  if (event.type === 'ValueRetracted') {
    const { comparator, value, unit } = event.data.previous;
    return {
      ...base,
      current: null,
      history: [...base.history, { change: 'retracted', comparator, value, unit, source, ...at }],
    };
  }
  const { comparator, value, unit } = event.data;
  return {
    ...base,
    current: { comparator, value, unit, source },
    revisions: base.revisions + (event.type === 'ValueRevised' ? 1 : 0),
    history: [
      ...base.history,
      {
        change: event.type === 'ValueRevised' ? 'revised' : 'reported',
        comparator,
        value,
        unit,
        source,
        ...at,
      },
    ],
  };
}
