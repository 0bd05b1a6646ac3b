import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUserCommand } from '../../src/cli/user.ts';
import { ADMIN_TOKEN, bearer, type HttpFixture, jsonRequest, openHttpFixture, problemOf } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(() => fixture.close());

const PASSWORD = 'lianyungang-2011';

describe('user accounts', () => {
  it('given the admin, when a reporter is created, then only a scrypt hash of the password is kept and the user is listed', async () => {
    const response = await fixture.app.request(
      '/api/v1/users',
      jsonRequest(
        'POST',
        { login: 'WangFang', name: '王芳', role: 'reporter', regions: ['320700'], password: PASSWORD },
        ADMIN_TOKEN,
      ),
    );
    expect(response.status).toBe(201);
    const user = (await response.json()) as { id: string };
    expect(user).toMatchObject({ login: 'wangfang', name: '王芳', role: 'reporter', regions: ['320700'] });
    expect(JSON.stringify(user)).not.toContain(PASSWORD);
    const row = await fixture.database.db
      .selectFrom('users')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);

    const list = await fixture.app.request('/api/v1/users', bearer(ADMIN_TOKEN));
    const page = (await list.json()) as { users: { login: string }[] };
    expect(page.users.map((u) => u.login)).toContain('wangfang');
  });

  it('given a taken login, an approver without regions or an unknown region, when created, then a problem on the field and no user', async () => {
    const taken = await fixture.app.request(
      '/api/v1/users',
      jsonRequest('POST', { login: 'wangfang', name: 'x', role: 'reader', password: PASSWORD }, ADMIN_TOKEN),
    );
    expect(taken.status).toBe(409);
    expect(await problemOf(taken)).toMatchObject({ code: 'login_taken', field: 'login' });
    const noRegion = await fixture.app.request(
      '/api/v1/users',
      jsonRequest(
        'POST',
        { login: 'liqiang', name: '李强', role: 'approver', password: PASSWORD },
        ADMIN_TOKEN,
      ),
    );
    expect(noRegion.status).toBe(400);
    const unknown = await fixture.app.request(
      '/api/v1/users',
      jsonRequest(
        'POST',
        { login: 'liqiang', name: '李强', role: 'approver', regions: ['999900'], password: PASSWORD },
        ADMIN_TOKEN,
      ),
    );
    expect(unknown.status).toBe(422);
    expect(await problemOf(unknown)).toMatchObject({ code: 'unknown_region', field: 'regions[0]' });
    const rows = await fixture.database.db
      .selectFrom('users')
      .select('login')
      .where('login', '=', 'liqiang')
      .execute();
    expect(rows).toEqual([]);
  });

  it('given a reporter token, when it creates a user, then 403', async () => {
    const token = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: '连云港', role: 'reporter', regions: ['320700'] }, ADMIN_TOKEN),
    );
    const { secret } = (await token.json()) as { secret: string };
    const response = await fixture.app.request(
      '/api/v1/users',
      jsonRequest('POST', { login: 'x1', name: 'x', role: 'reader', password: PASSWORD }, secret),
    );
    expect(response.status).toBe(403);
  });

  it('given the command line, when a user is created with the password from stdin, then that password signs in', async () => {
    const lines: string[] = [];
    const code = await runUserCommand(
      fixture.database.db,
      ['create', '--name', '赵敏', '--login', 'zhaomin', '--role', 'approver', '--region', '320000'],
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
      async () => 'jiangsu-approver-1',
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('已创建 usr_');
    expect(lines.join('\n')).toContain('赵敏 (zhaomin)，审核，320000');
    expect(lines.join('\n')).not.toContain('jiangsu-approver-1');
    const signIn = await fixture.app.request(
      '/api/v1/sessions',
      jsonRequest('POST', { login: 'zhaomin', password: 'jiangsu-approver-1' }),
    );
    expect(signIn.status).toBe(201);
  });

  it('given a user, when disabled or given a new password, then their sessions end', async () => {
    const created = await fixture.app.request(
      '/api/v1/users',
      jsonRequest('POST', { login: 'sunli', name: '孙丽', role: 'reader', password: PASSWORD }, ADMIN_TOKEN),
    );
    const { id } = (await created.json()) as { id: string };
    const session = async (password: string) => {
      const response = await fixture.app.request(
        '/api/v1/sessions',
        jsonRequest('POST', { login: 'sunli', password }),
      );
      return response.status === 201 ? ((await response.json()) as { token: string }).token : undefined;
    };
    const first = await session(PASSWORD);
    expect(first).toBeDefined();
    const reset = await fixture.app.request(
      `/api/v1/users/${id}/password`,
      jsonRequest('POST', { password: 'a-new-password-2' }, ADMIN_TOKEN),
    );
    expect(reset.status).toBe(200);
    expect((await fixture.app.request('/api/v1/sessions/current', bearer(first as string))).status).toBe(401);
    expect(await session(PASSWORD)).toBeUndefined();
    const second = await session('a-new-password-2');
    expect(second).toBeDefined();

    const disabled = await fixture.app.request(
      `/api/v1/users/${id}/disable`,
      jsonRequest('POST', {}, ADMIN_TOKEN),
    );
    expect(await disabled.json()).toMatchObject({
      status: 'disabled',
      disabledBy: 'admin:admin-token:ADMIN_TOKEN',
    });
    expect((await fixture.app.request('/api/v1/sessions/current', bearer(second as string))).status).toBe(
      401,
    );
    expect(await session('a-new-password-2')).toBeUndefined();
  });
});
