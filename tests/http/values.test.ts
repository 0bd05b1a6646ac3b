import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../../src/domain/events.ts';
import {
  ADMIN_TOKEN,
  type HttpFixture,
  issueToken,
  jsonRequest,
  openHttpFixture,
  problemOf,
} from './support.ts';

let fixture: HttpFixture;
let lianyungang: string;
let jiangsu: string;
let reader: string;
beforeAll(async () => {
  fixture = await openHttpFixture();
  lianyungang = (
    await issueToken(fixture.app, { name: '连云港统计局', role: 'reporter', regions: ['320700'] })
  ).secret;
  jiangsu = (await issueToken(fixture.app, { name: '江苏省统计局', role: 'reporter', regions: ['320000'] }))
    .secret;
  reader = (await issueToken(fixture.app, { name: 'dashboard', role: 'reader' })).secret;
});
afterAll(() => fixture.close());

const valuesOf = (region: string, indicator: string) =>
  `/api/v1/regions/${region}/indicators/${indicator}/values`;

async function eventsIn(streamId: string) {
  return fixture.database.db
    .selectFrom('events')
    .select(['event_type', 'data', 'metadata'])
    .where('stream_id', '=', streamId)
    .orderBy('position')
    .execute();
}

async function eventCount(): Promise<number> {
  const row = await fixture.database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('a reporter writes for its own regions only', () => {
  it('given a reporter token for 320700, when it reports a value for 320700, then ValueReported records the token, not its secret', async () => {
    const response = await fixture.app.request(
      valuesOf('320700', 'enterprise-ecommerce-ratio'),
      jsonRequest('POST', { year: 2012, value: 41.5, note: '统计公报更正' }, lianyungang),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      unchanged: boolean;
      events: { type: string; position: number }[];
    };
    expect(body.unchanged).toBe(false);
    expect(body.events).toEqual([
      expect.objectContaining({ type: 'ValueReported', position: expect.any(Number) }),
    ]);

    const event = (await eventsIn(streams.series('320700', 'enterprise-ecommerce-ratio'))).at(-1);
    expect(event?.event_type).toBe('ValueReported');
    expect(event?.data).toMatchObject({
      regionCode: '320700',
      indicatorCode: 'enterprise-ecommerce-ratio',
      part: null,
      year: 2012,
      comparator: 'eq',
      value: 41.5,
      unit: '%',
      source: { kind: 'api', note: '统计公报更正' },
    });
    expect(event?.metadata).toMatchObject({
      actor: { kind: 'token', id: expect.stringMatching(/^tok_/), name: '连云港统计局' },
    });
    expect(JSON.stringify(event)).not.toContain(lianyungang);
  });

  it('given a reporter token for 320700, when it reports for 320400, then 403 region_forbidden and nothing is written', async () => {
    const before = await eventCount();
    const stream = await eventsIn(streams.series('320400', 'enterprise-ecommerce-ratio'));
    const response = await fixture.app.request(
      valuesOf('320400', 'enterprise-ecommerce-ratio'),
      jsonRequest('POST', { year: 2012, value: 55 }, lianyungang),
    );
    expect(response.status).toBe(403);
    expect(await problemOf(response)).toMatchObject({
      code: 'region_forbidden',
      region: '320400',
      allowedRegions: ['320700'],
    });
    expect(await eventCount()).toBe(before);
    expect(await eventsIn(streams.series('320400', 'enterprise-ecommerce-ratio'))).toEqual(stream);
  });

  it('given a province token for 320000, when it reports for its city 320400, then it is accepted; for 370200, refused', async () => {
    const city = await fixture.app.request(
      valuesOf('320400', 'enterprise-internet-access-rate'),
      jsonRequest('POST', { year: 2011, value: 90 }, jiangsu),
    );
    expect(city.status).toBe(201);
    const elsewhere = await fixture.app.request(
      valuesOf('370200', 'enterprise-internet-access-rate'),
      jsonRequest('POST', { year: 2011, value: 90 }, jiangsu),
    );
    expect((await problemOf(elsewhere)).code).toBe('region_forbidden');
  });

  it('given a reader token, when it writes, then 403 role_forbidden; given no token, 401 token_required', async () => {
    const before = await eventCount();
    const asReader = await fixture.app.request(
      valuesOf('320700', 'enterprise-ecommerce-ratio'),
      jsonRequest('POST', { year: 2013, value: 1 }, reader),
    );
    expect((await problemOf(asReader)).code).toBe('role_forbidden');
    const anonymous = await fixture.app.request(
      valuesOf('320700', 'enterprise-ecommerce-ratio'),
      jsonRequest('POST', { year: 2013, value: 1 }),
    );
    expect(anonymous.status).toBe(401);
    expect(await eventCount()).toBe(before);
  });
});

describe('a correction is a new event; the same value twice changes nothing', () => {
  it('given a reported value, when a different one is reported, then ValueRevised; the same again, 200 unchanged', async () => {
    const url = valuesOf('320700', 'enterprise-intranet-rate');
    expect(
      (await fixture.app.request(url, jsonRequest('POST', { year: 2012, value: 60 }, ADMIN_TOKEN))).status,
    ).toBe(201);
    const revised = await fixture.app.request(
      url,
      jsonRequest('POST', { year: 2012, value: 62 }, lianyungang),
    );
    expect(((await revised.json()) as { events: { type: string }[] }).events[0]?.type).toBe('ValueRevised');
    const same = await fixture.app.request(url, jsonRequest('POST', { year: 2012, value: 62 }, lianyungang));
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ unchanged: true, events: [] });
    const events = (await eventsIn(streams.series('320700', 'enterprise-intranet-rate'))).filter(
      (event) => (event.data as { year: number }).year === 2012,
    );
    expect(events.map((event) => event.event_type)).toEqual(['ValueReported', 'ValueRevised']);
    expect(events[0]?.metadata).toMatchObject({ actor: { kind: 'admin', name: 'ADMIN_TOKEN' } });
    expect(events[1]?.metadata).toMatchObject({ actor: { kind: 'token', name: '连云港统计局' } });
  });

  it('given a reported value, when retracted with a reason, then ValueRetracted; retracting again is 404 value_not_reported', async () => {
    const url = valuesOf('320700', 'cio-system-adoption');
    await fixture.app.request(
      url,
      jsonRequest('POST', { year: 2013, comparator: 'gt', value: 50 }, lianyungang),
    );
    const retracted = await fixture.app.request(
      `${url}/retract`,
      jsonRequest('POST', { year: 2013, reason: '报送有误' }, lianyungang),
    );
    expect(retracted.status).toBe(201);
    const body = (await retracted.json()) as { events: { type: string; data: Record<string, unknown> }[] };
    expect(body.events[0]).toMatchObject({
      type: 'ValueRetracted',
      data: { reason: '报送有误', previous: { comparator: 'gt', value: 50, unit: '%' } },
    });
    const again = await fixture.app.request(
      `${url}/retract`,
      jsonRequest('POST', { year: 2013, reason: '报送有误' }, lianyungang),
    );
    expect(again.status).toBe(404);
    expect((await problemOf(again)).code).toBe('value_not_reported');
  });
});

describe('bad input is refused with the field at fault, and writes nothing', () => {
  const cases: [string, string, unknown, number, Record<string, unknown>][] = [
    [
      'a year out of range',
      'enterprise-ecommerce-ratio',
      { year: 1990, value: 1 },
      400,
      { code: 'validation_failed', field: 'year' },
    ],
    [
      'no value',
      'enterprise-ecommerce-ratio',
      { year: 2012 },
      400,
      { code: 'validation_failed', field: 'value' },
    ],
    [
      'a part the indicator lacks',
      'enterprise-ecommerce-ratio',
      { year: 2012, value: 1, part: 'demo' },
      404,
      { code: 'unknown_part', field: 'part' },
    ],
    [
      'a unit of another kind',
      'social-security-cards-issued',
      { year: 2012, value: 1, unit: '元' },
      422,
      { code: 'unit_mismatch', field: 'unit' },
    ],
    [
      'an unknown indicator',
      'no-such-indicator',
      { year: 2012, value: 1 },
      404,
      { code: 'indicator_not_found' },
    ],
  ];
  it.each(cases)('given %s, then the problem names it', async (_, indicator, body, status, expected) => {
    const before = await eventCount();
    const response = await fixture.app.request(
      valuesOf('320700', indicator),
      jsonRequest('POST', body, lianyungang),
    );
    expect(response.status).toBe(status);
    expect(await problemOf(response)).toMatchObject(expected);
    expect(await eventCount()).toBe(before);
  });

  it('given a part of a compound indicator and a convertible unit, then both are recorded as stated', async () => {
    const parts = await fixture.app.request(
      valuesOf('320700', 'integration-demo-pilot-enterprises'),
      jsonRequest('POST', { year: 2012, part: 'pilot', value: 9 }, lianyungang),
    );
    expect(parts.status).toBe(201);
    const cards = await fixture.app.request(
      valuesOf('320700', 'social-security-cards-issued'),
      jsonRequest('POST', { year: 2012, value: 2_500_000, unit: '张' }, lianyungang),
    );
    expect(cards.status).toBe(201);
    expect(((await cards.json()) as { events: { data: { unit: string } }[] }).events[0]?.data.unit).toBe(
      '张',
    );
  });

  it('given an unknown region code, when an admin writes for it, then 404 region_not_found', async () => {
    const response = await fixture.app.request(
      valuesOf('110000', 'enterprise-ecommerce-ratio'),
      jsonRequest('POST', { year: 2012, value: 1 }, ADMIN_TOKEN),
    );
    expect((await problemOf(response)).code).toBe('region_not_found');
  });
});
