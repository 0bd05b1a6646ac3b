import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ACTOR_HEADER, localActor } from '../../../src/http/auth/authorize.ts';
import { ADMIN_TOKEN, type HttpFixture, issueToken, jsonRequest, openHttpFixture } from '../support.ts';

const CREDENTIAL = 'pmlocal_test-credential';
const alice = encodeURIComponent(JSON.stringify({ id: 'alice', name: 'npm run token (alice)' }));

describe("the service's local credential (what a command line beside the service acts with)", () => {
  let fixture: HttpFixture;
  beforeAll(async () => {
    fixture = await openHttpFixture({ localCredential: CREDENTIAL });
  });
  afterAll(() => fixture.close());

  const createToken = (secret: string, app = fixture.app) =>
    app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: '连云港统计局', role: 'reader' }, secret, { [LOCAL_ACTOR_HEADER]: alice }),
    );

  it('acts as an admin recorded as the person running the command', async () => {
    const response = await createToken(CREDENTIAL);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { createdBy: string }).createdBy).toBe(
      'cli:alice:npm run token (alice)',
    );
  });

  it('is the only secret that may claim a CLI actor: the admin token and other tokens stay who they are', async () => {
    const byAdmin = await createToken(ADMIN_TOKEN);
    expect(((await byAdmin.json()) as { createdBy: string }).createdBy).toMatch(/^admin:/);
    const reporter = await issueToken(fixture.app, { name: 'r', role: 'reporter', regions: ['320700'] });
    expect((await createToken(reporter.secret)).status).toBe(403);
  });

  it('is refused by a service that did not write it', async () => {
    expect((await createToken(CREDENTIAL, fixture.appWith({ localCredential: undefined }))).status).toBe(401);
  });

  it('records an unreadable statement of who runs the command as the local credential, not as anyone', () => {
    expect(localActor('%7Bnot json')).toEqual({ kind: 'cli', id: 'local', name: 'local credential' });
    expect(localActor(encodeURIComponent(JSON.stringify({ id: '', name: 'x' })))).toEqual({
      kind: 'cli',
      id: 'local',
      name: 'local credential',
    });
    expect(localActor(undefined).id).toBe('local');
  });
});
