import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, type LockOwner } from './data-dir-lock.ts';

export interface Advice {
  zh: string;
  en: string;
}

/**
 * One sentence in Chinese and one in English: which process owns the data directory, and what to do instead.
 * An owner on another host cannot be checked from here, so the sentence also says which file to remove once
 * that process is known to be gone.
 */
export function ownerRefusal(dataDir: string, owner: LockOwner, advice: Advice): string {
  const since = owner.startedAt;
  const whoZh =
    owner.role === 'service'
      ? ` plan-monitor 服务${owner.url ? `（${owner.url}）` : '（正在启动）'}`
      : `命令 ${owner.command} `;
  const whoEn =
    owner.role === 'service'
      ? `the plan-monitor service${owner.url ? ` at ${owner.url}` : ' (starting)'}`
      : `the command ${owner.command}`;
  const elsewhere = owner.host !== hostname();
  const lock = join(dataDir, LOCK_FILE);
  const zhTail = elsewhere ? `；若该进程已不存在，请删除 ${lock}` : '';
  const enTail = elsewhere ? `; if that process no longer runs, delete ${lock}` : '';
  return (
    `数据目录 ${dataDir} 正由${whoZh}占用（进程 ${owner.pid}，主机 ${owner.host}，自 ${since} 起），` +
    `${advice.zh}${zhTail}。\n` +
    `The data directory ${dataDir} is owned by ${whoEn} (pid ${owner.pid} on ${owner.host}, since ${since}): ` +
    `${advice.en}${enTail}.`
  );
}
