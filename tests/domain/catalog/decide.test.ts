import { describe, expect, it } from 'vitest';
import { decideCatalog } from '../../../src/domain/catalog/decide.ts';
import { emptyCatalogStream, evolveCatalog } from '../../../src/domain/catalog/state.ts';
import type { PublishPlan, StateTarget } from '../../../src/domain/commands.ts';
import type { DomainError } from '../../../src/domain/errors.ts';
import type { PlanEvent } from '../../../src/domain/events.ts';

const at = (date: string) => ({
  actor: { kind: 'seed' as const, id: 'seed', name: 'seed' },
  occurredAt: `${date}T00:00:00+08:00`,
});
const publish: PublishPlan = {
  type: 'PublishPlan',
  data: {
    planId: 'jiangsu-12fyp',
    regionCode: '320000',
    title: '江苏省“十二五”国民经济和社会发展信息化规划',
    issuer: '江苏省人民政府',
    issuedOn: '2012-03-02',
    period: { start: 2011, end: 2015 },
    source: { kind: 'document', document: '004_b35aa56265c80658.txt', section: '重点工程一览表' },
  },
  metadata: at('2012-03-02'),
};
const target = (value: number, document: string, date: string): StateTarget => ({
  type: 'StateTarget',
  data: {
    planId: 'jiangsu-12fyp',
    regionCode: '320000',
    indicatorCode: 'electronic-manufacturing-revenue',
    part: null,
    tier: null,
    year: 2015,
    basis: 'level',
    comparator: 'gt',
    value,
    unit: '亿元',
    source: { kind: 'document', document, section: 's' },
  },
  metadata: at(date),
});
/** Decide each command against the state so far, as the seed does; return every event. */
function run(commands: (PublishPlan | StateTarget)[], history: PlanEvent[] = []) {
  let state = history.reduce(evolveCatalog, emptyCatalogStream());
  const events: PlanEvent[] = [];
  for (const command of commands) {
    const decided = decideCatalog(command, state);
    state = decided.reduce(evolveCatalog, state);
    events.push(...decided);
  }
  return events;
}

describe('stating targets', () => {
  const documents = [
    publish,
    target(40000, '004_b35aa56265c80658.txt', '2012-03-02'),
    target(40000, '001_86a7a7d69309b317.txt', '2012-06-19'),
    target(37000, '003_ba4abfd5d0d1c7a7.txt', '2013-08-01'),
  ];

  it('given documents in issue order, when stated, then the first sets, the same figure confirms, a later one revises', () => {
    const events = run(documents);
    // Since issue 13 the same figure from another document is recorded as one more citation (TargetRestated),
    // and the revision keeps every citation of the value it replaces.
    expect(events.map((e) => e.type)).toEqual([
      'PlanPublished',
      'TargetSet',
      'TargetRestated',
      'TargetRevised',
    ]);
    expect(events[2]?.data).toMatchObject({ value: 40000, source: { document: '001_86a7a7d69309b317.txt' } });
    expect(events[3]?.data).toMatchObject({
      value: 37000,
      previous: {
        value: 40000,
        source: { document: '004_b35aa56265c80658.txt' },
        citations: [{ document: '004_b35aa56265c80658.txt' }, { document: '001_86a7a7d69309b317.txt' }],
      },
    });
  });

  it('given a figure cited, when the same place states it again, then nothing is appended', () => {
    const history = run(documents.slice(0, 3));
    expect(run([documents[2] as StateTarget], history)).toEqual([]);
  });

  it('given a revised target, when an older document states the replaced figure, then it adds no citation', () => {
    const history = run(documents);
    expect(run([target(37000, '004_b35aa56265c80658.txt', '2012-03-02')], history)).toEqual([]);
  });

  it('given all of it recorded, when the same documents are stated again, then nothing is appended', () => {
    expect(run(documents, run(documents))).toEqual([]);
  });

  it('given a revised target, when a newer document restates the old figure, then that is a revision again', () => {
    const events = run([target(40000, 'later.txt', '2014-01-01')], run(documents));
    expect(events).toEqual([
      expect.objectContaining({ type: 'TargetRevised', data: expect.objectContaining({ value: 40000 }) }),
    ]);
  });

  it('given no published plan, when a target is stated, then it is refused with plan_not_published', () => {
    expect(() => run([target(1, 'x.txt', '2012-01-01')])).toThrowError(
      expect.objectContaining({ code: 'plan_not_published' }) as DomainError,
    );
  });
});
