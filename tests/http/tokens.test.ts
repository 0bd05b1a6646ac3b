import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTokenCommand } from '../../src/cli/token.ts';
import {
  ADMIN_TOKEN,
  bearer,
  type HttpFixture,
  issueToken,
  jsonRequest,
  openHttpFixture,
  problemOf,
} from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(() => fixture.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('creating tokens', () => {
  it('given the admin token, when a reporter token is created, then its secret is shown once and only its hash is kept', async () => {
    const response = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: '连云港统计局', role: 'reporter', regions: ['320700'] }, ADMIN_TOKEN),
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, unknown> & { id: string; secret: string };
    expect(created).toMatchObject({
      name: '连云港统计局',
      role: 'reporter',
      regions: ['320700'],
      status: 'active',
      createdBy: 'admin:admin-token:ADMIN_TOKEN',
      expiresAt: null,
      revokedAt: null,
    });
    expect(created.secret).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
    expect(created.id).toMatch(/^tok_[0-9a-f]{16}$/);

    const row = await fixture.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sha256).toBe(sha256(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);

    const again = await fixture.app.request(`/api/v1/tokens/${created.id}`, bearer(ADMIN_TOKEN));
    expect(again.status).toBe(200);
    expect(await again.json()).not.toHaveProperty('secret');
  });

  it('given a reporter token without regions, when created, then 400 validation_failed on regions and nothing is stored', async () => {
    const before = await countTokens();
    const response = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: 'x', role: 'reporter' }, ADMIN_TOKEN),
    );
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body).toMatchObject({ code: 'validation_failed', field: 'regions', in: 'body' });
    expect((body.message as { zh: string }).zh).toContain('报送令牌至少需要一个地区');
    expect(await countTokens()).toBe(before);
  });

  it('given a region the catalog does not know, when a token is created for it, then 422 unknown_region naming the field', async () => {
    const response = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: 'x', role: 'reporter', regions: ['320700', '320070'] }, ADMIN_TOKEN),
    );
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toMatchObject({ code: 'unknown_region', field: 'regions[1]' });
  });

  it('given a malformed region code, when a token is created, then the field names the element', async () => {
    const response = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: 'x', role: 'reporter', regions: ['3207'] }, ADMIN_TOKEN),
    );
    expect(await problemOf(response)).toMatchObject({ code: 'validation_failed', field: 'regions[0]' });
  });

  it('given a reporter token, when it asks to create a token, then 403 role_forbidden', async () => {
    const reporter = await issueToken(fixture.app, { name: '常州', role: 'reporter', regions: ['320400'] });
    const response = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: 'mine', role: 'admin' }, reporter.secret),
    );
    expect(response.status).toBe(403);
    expect((await problemOf(response)).code).toBe('role_forbidden');
  });
});

describe('refused tokens', () => {
  it('given no token, when an admin route is called, then 401 token_required with a Bearer challenge', async () => {
    const response = await fixture.app.request('/api/v1/tokens');
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    expect((await problemOf(response)).code).toBe('token_required');
  });

  it('given a secret never issued, when used, then 401 token_invalid', async () => {
    const response = await fixture.app.request('/api/v1/tokens', bearer('pm_notarealtokenatall'));
    expect(response.status).toBe(401);
    expect((await problemOf(response)).code).toBe('token_invalid');
  });

  it('given a revoked token, when used, then 401 token_revoked; revoking again keeps the first revocation', async () => {
    const admin = await issueToken(fixture.app, { name: 'second admin', role: 'admin' });
    expect((await fixture.app.request('/api/v1/tokens', bearer(admin.secret))).status).toBe(200);

    const revoked = await fixture.app.request(`/api/v1/tokens/${admin.id}/revoke`, {
      method: 'POST',
      ...bearer(ADMIN_TOKEN),
    });
    expect(revoked.status).toBe(200);
    const first = (await revoked.json()) as { status: string; revokedAt: string };
    expect(first.status).toBe('revoked');

    const refused = await fixture.app.request('/api/v1/tokens', bearer(admin.secret));
    expect(refused.status).toBe(401);
    expect((await problemOf(refused)).code).toBe('token_revoked');

    const again = await fixture.app.request(`/api/v1/tokens/${admin.id}/revoke`, {
      method: 'POST',
      ...bearer(ADMIN_TOKEN),
    });
    expect(((await again.json()) as { revokedAt: string }).revokedAt).toBe(first.revokedAt);
  });

  it('given a token past its expiry, when used, then 401 token_expired', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const reader = await issueToken(fixture.app, { name: 'short-lived', role: 'admin', expiresAt: soon });
    expect((await fixture.app.request('/api/v1/tokens', bearer(reader.secret))).status).toBe(200);
    const later = fixture.appWith({}, { now: () => new Date(Date.now() + 120_000) });
    const response = await later.request('/api/v1/tokens', bearer(reader.secret));
    expect(response.status).toBe(401);
    expect((await problemOf(response)).code).toBe('token_expired');
  });

  it('given an expiry already past, when a token is asked for, then 422 expiry_in_past', async () => {
    const response = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: 'x', role: 'reader', expiresAt: '2020-01-01T00:00:00Z' }, ADMIN_TOKEN),
    );
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toMatchObject({ code: 'expiry_in_past', field: 'expiresAt' });
  });

  it('given an unknown token id, when revoked, then 404 token_not_found', async () => {
    const response = await fixture.app.request('/api/v1/tokens/tok_0000/revoke', {
      method: 'POST',
      ...bearer(ADMIN_TOKEN),
    });
    expect(response.status).toBe(404);
    expect((await problemOf(response)).code).toBe('token_not_found');
  });
});

describe('listing tokens a page at a time', () => {
  it('given more tokens than a page, when listed, then the cursor walks them all once, in creation order', async () => {
    for (const name of ['p1', 'p2', 'p3']) await issueToken(fixture.app, { name, role: 'reader' });
    const all = (
      await fixture.database.db.selectFrom('api_tokens').select('token_id').orderBy('seq').execute()
    ).map((row) => row.token_id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const response = await fixture.app.request(`/api/v1/tokens${query}`, bearer(ADMIN_TOKEN));
      expect(response.status).toBe(200);
      const page = (await response.json()) as { tokens: { id: string }[]; nextCursor: string | null };
      expect(page.tokens.length).toBeLessThanOrEqual(2);
      seen.push(...page.tokens.map((token) => token.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('given a cursor that is not ours, when listed, then 400 invalid_cursor', async () => {
    const response = await fixture.app.request('/api/v1/tokens?cursor=garbage', bearer(ADMIN_TOKEN));
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
  });

  it('given a limit out of range, when listed, then 400 validation_failed on limit in the query', async () => {
    const response = await fixture.app.request('/api/v1/tokens?limit=0', bearer(ADMIN_TOKEN));
    expect(await problemOf(response)).toMatchObject({
      code: 'validation_failed',
      field: 'limit',
      in: 'query',
    });
  });
});

describe('reads public by default, closed with READ_ACCESS=token', () => {
  it('given the default, when plans are read without a token, then 200', async () => {
    expect((await fixture.app.request('/api/v1/plans')).status).toBe(200);
  });

  it('given READ_ACCESS=token, when read without a token, then 401; with any valid token, 200; the contract stays open', async () => {
    const closed = fixture.appWith({ readAccess: 'token' });
    const refused = await closed.request('/api/v1/plans');
    expect(refused.status).toBe(401);
    expect((await problemOf(refused)).code).toBe('token_required');

    const reader = await issueToken(fixture.app, { name: 'dashboard', role: 'reader' });
    expect((await closed.request('/api/v1/plans', bearer(reader.secret))).status).toBe(200);
    expect((await closed.request('/api/v1/plans/lianyungang-12fyp', bearer(reader.secret))).status).toBe(200);
    expect((await closed.request('/api/v1/openapi.json')).status).toBe(200);
    expect((await closed.request('/healthz')).status).toBe(200);
  });
});

describe('npm run token', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTokenCommand(fixture.database.db, argv, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('given create for a reporter of 320700, then it prints the secret once, the API accepts it, list shows it, revoke ends it', async () => {
    const created = await run('create', '--role', 'reporter', '--region', '320700', '--name', '连云港统计局');
    expect(created.code).toBe(0);
    const secret = created.out.match(/pm_[A-Za-z0-9_-]{43}/)?.[0];
    const id = created.out.match(/tok_[0-9a-f]{16}/)?.[0];
    expect(secret && id).toBeTruthy();

    const closed = fixture.appWith({ readAccess: 'token' });
    expect((await closed.request('/api/v1/plans', bearer(secret as string))).status).toBe(200);

    const listed = await run('list');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(id);
    expect(listed.out).toContain('连云港统计局');
    expect(listed.out).not.toContain(secret);

    const revoked = await run('revoke', id as string);
    expect(revoked.code).toBe(0);
    const refused = await closed.request('/api/v1/plans', bearer(secret as string));
    expect((await problemOf(refused)).code).toBe('token_revoked');
  });

  it('given bad arguments, then it explains and exits 1 without creating anything', async () => {
    const before = await countTokens();
    expect((await run('create', '--role', 'boss', '--name', 'x')).code).toBe(1);
    const unknown = await run('create', '--role', 'reporter', '--region', '999900', '--name', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown_region');
    expect((await run('revoke', 'tok_missing')).err).toContain('token_not_found');
    expect((await run('frobnicate')).err).toContain('用法：');
    expect(await countTokens()).toBe(before);
  });
});

async function countTokens(): Promise<number> {
  const row = await fixture.database.db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
