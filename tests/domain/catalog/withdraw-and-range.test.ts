import { describe, expect, it } from 'vitest';
import { decideCatalog } from '../../../src/domain/catalog/decide.ts';
import { emptyCatalogStream, evolveCatalog } from '../../../src/domain/catalog/state.ts';
import type { CatalogCommand, StateTarget, WithdrawTarget } from '../../../src/domain/commands.ts';
import type { DomainError } from '../../../src/domain/errors.ts';
import type { PlanEvent } from '../../../src/domain/events.ts';

const at = (date: string) => ({
  actor: { kind: 'seed' as const, id: 'seed', name: 'seed' },
  occurredAt: `${date}T00:00:00+08:00`,
});
const key = {
  planId: 'lianyungang-12fyp',
  regionCode: '320700',
  indicatorCode: 'industry-ecommerce-platforms',
  part: null,
  tier: null,
  year: 2015,
  basis: 'level' as const,
};
const source = (section: string, extra: object = {}) => ({
  kind: 'document' as const,
  document: '000_7f32ec414e3c4464.txt',
  section,
  printed: '建设3到5个具有地方特色的行业电子商务交易平台',
  ...extra,
});
const publish: CatalogCommand = {
  type: 'PublishPlan',
  data: {
    planId: key.planId,
    regionCode: key.regionCode,
    title: '连云港市“十二五”信息化发展规划',
    issuer: '连云港市人民政府',
    issuedOn: '2011-10-01',
    period: { start: 2011, end: 2015 },
    source: { kind: 'document', document: '000_7f32ec414e3c4464.txt', section: '附件1' },
  },
  metadata: at('2011-10-01'),
};
const state = (value: Partial<StateTarget['data']>, date = '2011-10-01'): StateTarget => ({
  type: 'StateTarget',
  data: { ...key, comparator: 'gte', value: 3, unit: '个', source: source('附件2'), ...value },
  metadata: at(date),
});
const withdraw = (date = '2026-12-06'): WithdrawTarget => ({
  type: 'WithdrawTarget',
  data: { ...key, reason: 'no document states it', source: source('附件2') },
  metadata: at(date),
});

function run(commands: CatalogCommand[], history: PlanEvent[] = []) {
  let current = history.reduce(evolveCatalog, emptyCatalogStream());
  const events: PlanEvent[] = [];
  for (const command of commands) {
    const decided = decideCatalog(command, current);
    current = decided.reduce(evolveCatalog, current);
    events.push(...decided);
  }
  return { events, state: current };
}

describe('a range target', () => {
  it('given the floor recorded (≥3), when the range 3到5 is stated, then it is a revision that keeps the floor', () => {
    const { events: history } = run([publish, state({})]);
    const { events, state: after } = run([state({ comparator: 'between', upper: 5 })], history);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'TargetRevised',
        data: expect.objectContaining({
          comparator: 'between',
          value: 3,
          upper: 5,
          previous: expect.objectContaining({ comparator: 'gte', value: 3 }),
        }),
      }),
    ]);
    expect(after.targets.get('320700|industry-ecommerce-platforms|||2015|level')).toMatchObject({ upper: 5 });
    // and again: nothing
    expect(run([state({ comparator: 'between', upper: 5 })], [...history, ...events]).events).toEqual([]);
  });

  it('given a range 3到6 recorded, when 3到5 is stated later, then the changed upper bound is a revision', () => {
    const { events: history } = run([publish, state({ comparator: 'between', upper: 6 })]);
    const { events } = run([state({ comparator: 'between', upper: 5 }, '2012-01-01')], history);
    expect(events.map((e) => e.type)).toEqual(['TargetRevised']);
  });

  it.each([
    ['between without an upper bound', { comparator: 'between' as const }],
    ['an upper bound not above the lower one', { comparator: 'between' as const, upper: 3 }],
    ['an upper bound on a floor', { comparator: 'gte' as const, upper: 5 }],
  ])('given %s, then it is refused with target_range_invalid', (_, value) => {
    expect(() => run([publish, state(value)])).toThrowError(
      expect.objectContaining({ code: 'target_range_invalid' }) as DomainError,
    );
  });
});

describe('withdrawing a target', () => {
  it('given a target, when it is withdrawn, then TargetWithdrawn keeps the value withdrawn and the target is gone', () => {
    const { events: history } = run([publish, state({})]);
    const { events, state: after } = run([withdraw()], history);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'TargetWithdrawn',
        data: expect.objectContaining({
          ...key,
          reason: 'no document states it',
          previous: expect.objectContaining({ comparator: 'gte', value: 3, unit: '个' }),
        }),
      }),
    ]);
    expect(after.targets.size).toBe(0);
  });

  it('given no such target (a fresh log), when withdrawn, then nothing is appended', () => {
    expect(run([publish, withdraw()]).events.map((e) => e.type)).toEqual(['PlanPublished']);
  });

  it('given a withdrawn target, when withdrawn again, then nothing; when stated again later, then it is set anew', () => {
    const { events: history } = run([publish, state({}), withdraw()]);
    expect(run([withdraw()], history).events).toEqual([]);
    expect(run([state({}, '2027-01-01')], history).events.map((e) => e.type)).toEqual(['TargetSet']);
  });

  it('given a target stated after the withdrawal was decided, when an older withdrawal arrives, then nothing', () => {
    const { events: history } = run([publish, state({}, '2027-01-01')]);
    expect(run([withdraw('2026-12-06')], history).events).toEqual([]);
  });
});

describe('a restatement with its own bound', () => {
  it('given ≥20 from the table, when the prose says 超过20 (stated on the citation), then the value stays and the citation is added', () => {
    const { events: history } = run([publish, state({ value: 20, unit: '亿元' })]);
    const prose = state({
      value: 20,
      unit: '亿元',
      source: source('第二章', {
        printed: '信息资源开发等服务收入超过20亿元',
        stated: { comparator: 'gt', value: 20, unit: '亿元' },
      }),
    });
    const { events, state: after } = run([prose], history);
    expect(events.map((e) => e.type)).toEqual(['TargetRestated']);
    const current = after.targets.get('320700|industry-ecommerce-platforms|||2015|level');
    expect(current).toMatchObject({ comparator: 'gte', value: 20 });
    expect(current?.citations.at(-1)).toMatchObject({ stated: { comparator: 'gt', value: 20 } });
  });
});
