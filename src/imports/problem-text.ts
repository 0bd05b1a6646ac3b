import type { ImportProblem, ProblemPlace } from './report.ts';

type Lang = 'zh' | 'en';

/** A cell as people read it: 主要指标!H20（城市家庭宽带接入能力，2013年）, or the cell alone when nothing more is known. */
export function placeText(place: ProblemPlace, lang: Lang = 'zh'): string {
  const year = place.year === undefined ? undefined : lang === 'zh' ? `${place.year}年` : String(place.year);
  const known = [place.rowLabel, year].filter((part): part is string => part !== undefined && part !== '');
  if (known.length === 0) return place.cell;
  return lang === 'zh' ? `${place.cell}（${known.join('，')}）` : `${place.cell} (${known.join(', ')})`;
}

/**
 * A problem as people read it, line by line: each cell (up to `shown`) with the indicator and year, and what the
 * problem says there; the hint once at the end. Cells sharing one message are named together before it.
 */
export function problemText(problem: ImportProblem, lang: Lang = 'zh', shown = 4): string {
  const details = problem.cellDetails ?? problem.cells.map((cell) => ({ cell, message: undefined }));
  const more = details.length - shown;
  const rest = more > 0 ? (lang === 'zh' ? `…另有 ${more} 处` : `… and ${more} more`) : undefined;
  const colon = lang === 'zh' ? '：' : ': ';
  const lines: string[] = [];
  if (details.some((detail) => detail.message)) {
    for (const detail of details.slice(0, shown)) {
      lines.push(`${placeText(detail, lang)}${colon}${(detail.message ?? problem.message)[lang]}`);
    }
    if (rest) lines.push(rest);
  } else if (details.length > 0) {
    const places = details.slice(0, shown).map((detail) => placeText(detail, lang));
    const named = places.join(lang === 'zh' ? '、' : '; ') + (rest ? ` ${rest}` : '');
    lines.push(`${named}${colon}${problem.message[lang]}`);
  } else {
    lines.push(problem.message[lang]);
  }
  if (problem.hint) lines.push(problem.hint[lang]);
  return lines.join('\n');
}
