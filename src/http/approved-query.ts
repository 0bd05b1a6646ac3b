import type { Context } from 'hono';
import { raise } from './problem.ts';

/** `approved=true` on a progress read (src/projections/periods/approved-source.ts). */
export const approvedOnly = (c: Context) => c.req.query('approved') === 'true';

/** Approval is read as it stands now; what was approved at a past time is not kept apart. */
export const approvedAsOf = (): never =>
  raise(
    422,
    'approved_with_as_of',
    {
      zh: 'approved=true 不能与 asOf 同时使用：审核状态只按当前计',
      en: 'approved=true cannot be combined with asOf: approval is read as it stands now',
    },
    { field: 'approved', in: 'query' },
  );
