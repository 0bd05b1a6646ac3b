import { describe, expect, it } from 'vitest';
import type { ReportValue, RetractValue } from '../../../src/domain/commands.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { PlanEvent } from '../../../src/domain/events.ts';
import { decideSeries } from '../../../src/domain/series/decide.ts';
import { emptySeries, evolveSeries } from '../../../src/domain/series/state.ts';
import type { Source } from '../../../src/domain/vocabulary.ts';

const at = (occurredAt: string) => ({
  actor: { kind: 'cli' as const, id: 'test', name: 'test' },
  occurredAt,
});
const cell = (c: string): Source => ({
  kind: 'workbook',
  importId: 'imp-1',
  file: 'lyg.xlsx',
  sha256: 'a'.repeat(64),
  sheet: '指标',
  cell: c,
});
const report = (value: number, occurredAt: string, source: Source = cell('F5')): ReportValue => ({
  type: 'ReportValue',
  data: {
    regionCode: '320700',
    indicatorCode: 'broadband-penetration',
    part: null,
    year: 2012,
    comparator: 'eq',
    value,
    unit: '%',
    source,
  },
  metadata: at(occurredAt),
});
const given = (events: PlanEvent[]) => events.reduce(evolveSeries, emptySeries());
const reported = (value: number, occurredAt: string): PlanEvent => {
  const { type: _, ...rest } = report(value, occurredAt);
  return { type: 'ValueReported', ...rest };
};

describe('reporting a value', () => {
  it('given nothing reported, when a value is reported, then it is a ValueReported', () => {
    expect(decideSeries(report(61.5, '2013-02-01T00:00:00Z'), given([])).map((e) => e.type)).toEqual([
      'ValueReported',
    ]);
  });

  it('given the same value, when reported again, then nothing happens (unchanged)', () => {
    expect(
      decideSeries(report(61.5, '2013-03-01T00:00:00Z'), given([reported(61.5, '2013-02-01T00:00:00Z')])),
    ).toEqual([]);
  });

  it('given a value, when a different one is reported later, then it is a revision that names the old value', () => {
    const events = decideSeries(
      report(63, '2013-03-01T00:00:00Z'),
      given([reported(61.5, '2013-02-01T00:00:00Z')]),
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ValueRevised',
        data: expect.objectContaining({ value: 63, previous: { comparator: 'eq', value: 61.5, unit: '%' } }),
      }),
    ]);
  });

  it('given a value, when a plan document issued before it says otherwise, then nothing happens (no stale override)', () => {
    const document: Source = { kind: 'document', document: '003_ba4abfd5d0d1c7a7.txt', section: '一' };
    expect(
      decideSeries(
        report(50, '2012-09-12T00:00:00+08:00', document),
        given([reported(61.5, '2013-02-01T00:00:00Z')]),
      ),
    ).toEqual([]);
  });

  it('given a value, when an upload stamped earlier by another instance is decided after it, then it revises it (the log orders uploads, not clocks)', () => {
    const events = decideSeries(
      report(50, '2013-01-31T23:59:59Z', cell('G5')),
      given([reported(61.5, '2013-02-01T00:00:00Z')]),
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ValueRevised',
        data: expect.objectContaining({ value: 50, previous: { comparator: 'eq', value: 61.5, unit: '%' } }),
      }),
    ]);
  });

  it('given a value, when it is retracted, then ValueRetracted keeps what was retracted; retracting again is refused', () => {
    const retract: RetractValue = {
      type: 'RetractValue',
      data: {
        regionCode: '320700',
        indicatorCode: 'broadband-penetration',
        part: null,
        year: 2012,
        reason: '误报',
        source: { kind: 'api' },
      },
      metadata: at('2013-04-01T00:00:00Z'),
    };
    const state = given([reported(61.5, '2013-02-01T00:00:00Z')]);
    const events = decideSeries(retract, state);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ValueRetracted',
        data: expect.objectContaining({ previous: { comparator: 'eq', value: 61.5, unit: '%' } }),
      }),
    ]);
    const after = events.reduce(evolveSeries, state);
    expect(() => decideSeries(retract, after)).toThrowError(DomainError);
    expect(decideSeries(report(61.5, '2013-05-01T00:00:00Z'), after).map((e) => e.type)).toEqual([
      'ValueReported',
    ]);
  });
});
