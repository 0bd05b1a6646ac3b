import type { Context } from 'hono';
import { scopesCover } from '../../auth/region-scope.ts';
import type { Actor } from '../../domain/vocabulary.ts';
import type { AppDeps } from '../deps.ts';
import { raise } from '../problem.ts';
import { authenticate } from './authorize.ts';

/**
 * Who may move a period: a reporter submits for the regions of its scope, an approver approves and reopens for
 * the regions of its scope (a province approver covers its cities); an admin may do either. Anyone else: 403.
 */
export async function authorizePeriod(
  c: Context,
  deps: AppDeps,
  action: 'submit' | 'approve' | 'reopen',
  regionCode: string,
): Promise<Actor> {
  const caller = await authenticate(c, deps);
  if (caller.role === 'admin') return caller.actor;
  const needed = action === 'submit' ? 'reporter' : 'approver';
  if (caller.role !== needed) {
    return raise(403, 'role_forbidden', {
      zh: `${caller.actor.name}（${caller.role}）不能${action === 'submit' ? '报送' : action === 'approve' ? '审核' : '退回重开'}；需要 ${needed}`,
      en: `${caller.actor.name} (${caller.role}) may not ${action} a period; it needs a ${needed}`,
    });
  }
  if (!scopesCover(caller.regions, regionCode)) {
    return raise(
      403,
      'region_forbidden',
      {
        zh: `${caller.actor.name} 只负责 ${caller.regions.join('、')}，不能处理 ${regionCode}`,
        en: `${caller.actor.name} acts for ${caller.regions.join(', ')} only, not for ${regionCode}`,
      },
      { region: regionCode, allowedRegions: caller.regions },
    );
  }
  return caller.actor;
}
