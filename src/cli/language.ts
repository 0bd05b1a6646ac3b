/**
 * The two languages of the command line, and every label the commands print in them. Chinese unless `--lang en`
 * or the locale says English; messages that already come as `{zh, en}` (problems, refusals) are picked from, never
 * translated here.
 */
export type Lang = 'zh' | 'en';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * `--lang zh|en` (or `--lang=en`) wins; else the locale, as POSIX reads it (LC_ALL, then LC_MESSAGES, then LANG):
 * English when it starts with `en`, Chinese otherwise. Answers the arguments without `--lang`, for the command's
 * own parser; an unknown value is an error in both languages.
 */
export function chooseLanguage(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { lang: Lang; argv: string[] } | { error: string } {
  const rest: string[] = [];
  let chosen: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--lang') {
      chosen = argv[++i] ?? '';
    } else if (arg.startsWith('--lang=')) {
      chosen = arg.slice('--lang='.length);
    } else {
      rest.push(arg);
    }
  }
  if (chosen !== undefined) {
    if (chosen !== 'zh' && chosen !== 'en')
      return { error: '--lang 只能是 zh 或 en / --lang must be zh or en' };
    return { lang: chosen, argv: rest };
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return { lang: /^en/i.test(locale) ? 'en' : 'zh', argv: rest };
}

/** Every command's language, from process.argv and the environment; a wrong --lang ends the process (exit 2). */
export function languageOfProcess(): { lang: Lang; argv: string[] } {
  const chosen = chooseLanguage(process.argv.slice(2), process.env);
  if ('error' in chosen) {
    console.error(chosen.error);
    process.exit(2);
  }
  return chosen;
}

const l = (zh: string, en: string): Bilingual => ({ zh, en });

/** The labels, as the dashboard words them (src/http/static/labels.js) where it has the same thing. */
export const LABELS = {
  status: {
    imported: l('已导入', 'imported'),
    'dry-run': l('检查通过（未写入）', 'checked, dry run (nothing written)'),
    duplicate: l('重复文件（未写入）', 'duplicate file (nothing written)'),
    rejected: l('检查未通过（未写入）', 'check failed (nothing written)'),
  },
  severity: {
    error: l('错误', 'error'),
    implausible: l('存疑', 'implausible'),
    warning: l('提醒', 'warning'),
  },
  tier: { province: l('省级', 'province'), city: l('市级', 'city'), county: l('县级', 'county') },
  kind: { actual: l('实际值', 'actual'), target: l('目标值', 'target') },
  summary: {
    status: l('状态', 'Status'),
    importId: l('导入编号', 'Import id'),
    observations: l('读取的数值', 'Values read'),
    decided: l('实际值：新增 / 修订 / 未变', 'Actual values: new / revised / unchanged'),
    targets: l('目标值（仅与规划比对，不写入）', 'Targets (compared with the plans, not written)'),
    unwritten: l('实际值（已检查，未写入）', 'Actual values (checked, not written)'),
    problems: l('问题', 'Problems'),
  },
  observationHead: {
    cell: l('单元格', 'Cell'),
    indicator: l('指标', 'Indicator'),
    part: l('分项/层级', 'Part / tier'),
    year: l('年份', 'Year'),
    kind: l('类型', 'Kind'),
    region: l('地区', 'Region'),
    value: l('数值', 'Value'),
  },
  role: {
    admin: l('管理员', 'admin'),
    reporter: l('报送', 'reporter'),
    approver: l('审核', 'approver'),
    reader: l('只读', 'reader'),
  },
  tokenStatus: {
    active: l('有效', 'active'),
    revoked: l('已撤销', 'revoked'),
    expired: l('已过期', 'expired'),
  },
  tokenHead: {
    id: l('编号', 'id'),
    name: l('名称', 'name'),
    role: l('角色', 'role'),
    regions: l('地区', 'regions'),
    status: l('状态', 'status'),
    created: l('创建时间', 'created'),
    expires: l('到期时间', 'expires'),
  },
  allRegions: l('（全部地区）', '(all)'),
  readsOnly: l('（只读）', '(reads)'),
  secretOnce: l('令牌（仅显示这一次，请妥善保存）：', 'The token (shown this once, keep it safe):'),
  noTokens: l('尚无令牌', 'no tokens yet'),
  tokenRoleNeeded: l('--role 须为 admin、reporter 或 reader', '--role must be admin, reporter or reader'),
  tokenUsage: l(
    `用法：
  npm run token -- create --role admin|reporter|reader --name 名称 [--region 代码 …] [--expires ISO时间] [--lang zh|en]
  npm run token -- list [--json]
  npm run token -- revoke 令牌编号`,
    `usage:
  npm run token -- create --role admin|reporter|reader --name NAME [--region CODE …] [--expires ISO-DATETIME] [--lang zh|en]
  npm run token -- list [--json]
  npm run token -- revoke TOKEN_ID`,
  ),
  userHead: {
    id: l('编号', 'id'),
    login: l('登录名', 'login'),
    name: l('姓名', 'name'),
    role: l('角色', 'role'),
    regions: l('地区', 'regions'),
    status: l('状态', 'status'),
  },
  userStatus: { active: l('启用', 'active'), disabled: l('已停用', 'disabled') },
  noUsers: l('尚无用户', 'no users yet'),
  userRoleNeeded: l(
    '--role 须为 admin、reporter、approver 或 reader',
    '--role must be admin, reporter, approver or reader',
  ),
  userUsage: l(
    `用法：
  npm run user -- create --login 登录名 --name 姓名 --role admin|reporter|approver|reader [--region 代码 …] [--lang zh|en]
  npm run user -- list [--json]
  npm run user -- disable 用户编号
  npm run user -- password 用户编号`,
    `usage:
  npm run user -- create --login LOGIN --name NAME --role admin|reporter|approver|reader [--region CODE …] [--lang zh|en]
  npm run user -- list [--json]
  npm run user -- disable USER_ID
  npm run user -- password USER_ID`,
  ),
  usage: l('用法', 'usage'),
  importUsage: l(
    '用法：npm run import -- 文件 --region 320700 [--plan lianyungang-12fyp] [--dry-run] [--json] [--confirm-implausible] [--confirm-cell 附件1!F15 …] [--lang zh|en]',
    'usage: npm run import -- FILE --region 320700 [--plan lianyungang-12fyp] [--dry-run] [--json] [--confirm-implausible] [--confirm-cell 附件1!F15 …] [--lang zh|en]',
  ),
  regionCode: l('--region 须为六位行政区划代码（GB/T 2260）', '--region needs a six-digit GB/T 2260 code'),
  badArguments: l('命令行有误', 'wrong command line'),
  cannotRead: l('无法读取文件', 'cannot read the file'),
  unexpectedAnswer: l('服务返回了意外的应答', 'unexpected answer from the service'),
} as const;

type Dynamic = (...args: never[]) => Bilingual;

/** Sentences with numbers or names in them. */
export const SENTENCES = {
  problemsTitle: (n: number) => l(`问题（${n} 项）：`, `Problems (${n}):`),
  asPrinted: (label: string) => l(`（表中：${label}）`, ` (in the sheet: ${label})`),
  omitted: (n: number) =>
    l(
      `另有 ${n} 个数值未列出（见各指标的历史记录）。`,
      `${n} more values not listed (see each indicator's history).`,
    ),
  reading: (file: string) => l(`正在读取 ${file}…`, `Reading ${file}…`),
  read: (n: number) => l(`已读取 ${n} 个数值…`, `${n} values read…`),
  checked: (n: number) => l(`已读取全部 ${n} 个数值，正在检查…`, `All ${n} values read, checking…`),
  writing: (n: number) => l(`正在写入 ${n} 个实际值…`, `Writing ${n} actual values…`),
  done: l('完成。', 'Done.'),
  uploading: (file: string, kb: number, url: string) =>
    l(
      `正在将 ${file}（${kb} KB）上传至服务 ${url} 并等待检查结果…`,
      `Uploading ${file} (${kb} KB) to the service at ${url} and waiting for its check…`,
    ),
  uploadBar: l('上传并等待服务检查', 'uploading, the service checks'),
  rebuilt: (names: string, events: number, seconds: string) =>
    l(
      `已重建 ${names}：重放 ${events} 个事件，用时 ${seconds} 秒`,
      `rebuilt ${names} from ${events} events in ${seconds} s`,
    ),
  rebuilding: l('正在重建', 'rebuilding'),
  userDone: (what: 'created' | 'disabled' | 'password', who: string) =>
    l(
      `${{ created: '已创建', disabled: '已停用', password: '已设置新密码：' }[what]} ${who}`,
      `${{ created: 'created', disabled: 'disabled', password: 'new password for' }[what]} ${who}`,
    ),
  noUser: (id: string) => l(`user_not_found: 没有用户 ${id}`, `user_not_found: no user ${id}`),
  tokenCreated: (id: string, name: string, role: string, scope: string) =>
    l(`已创建 ${id} — ${name}，${role}，${scope}`, `created ${id} — ${name}, ${role}, ${scope}`),
  tokenExpires: (at: string) => l(`到期时间 ${at}`, `expires ${at}`),
  tokenRevoked: (id: string, name: string, at: string) =>
    l(`已撤销 ${id} — ${name}（撤销于 ${at}）`, `revoked ${id} — ${name} (since ${at})`),
  noToken: (id: string) => l(`token_not_found: 没有令牌 ${id}`, `token_not_found: no token ${id}`),
  eventsLeft: l('个事件 · 剩余', 'events ·'),
  unknownProjections: (unknown: string, known: string) =>
    l(`没有这些读模型：${unknown}（已有：${known}）`, `unknown projection(s): ${unknown} (known: ${known})`),
  catalogCurrent: l('规划目录已是最新：未追加事件', 'catalog already current: no event appended'),
  appended: (n: number) => l(`已追加 ${n} 个事件`, `appended ${n} events`),
  migrated: (status: string, name: string) =>
    l(
      `${status === 'Success' ? '已执行' : status === 'Error' ? '失败' : '未执行'}：${name}`,
      `${status}: ${name}`,
    ),
  migrationsCurrent: l('数据库迁移已是最新', 'migrations are current'),
  templateWritten: (path: string, bytes: number) => l(`${path}  ${bytes} 字节`, `${path}  ${bytes} bytes`),
} satisfies Record<string, Bilingual | Dynamic>;
