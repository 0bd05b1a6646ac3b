import pino from 'pino';

/**
 * pino on Workers: the bundle gets pino's browser build, which writes through console. One JSON line per entry,
 * as on Node, which Workers Logs index by field; the level picks the console method.
 */
export function workersLogger(level: string): pino.Logger {
  return pino({
    level,
    browser: {
      asObject: true,
      write: (entry) => {
        const line = JSON.stringify(entry);
        const numeric = (entry as { level?: number }).level ?? 30;
        if (numeric >= 50) console.error(line);
        else if (numeric >= 40) console.warn(line);
        else console.log(line);
      },
    },
  }).child({ service: 'plan-monitor', runtime: 'workers' });
}
