import Table from 'cli-table3';
import { LABELS, type Lang, SENTENCES } from '../cli/language.ts';
import { normaliseName } from '../domain/value-grammar.ts';
import { showValue } from './check-observations.ts';
import { problemText } from './problem-text.ts';
import type { ImportReport } from './report.ts';

const plain = { head: [], border: [] };

export interface PrintOptions {
  /** Chinese unless told (the command line's --lang or locale). */
  lang?: Lang;
  /** A part's name as the plan prints it (城市, 示范 …), from the catalog; the code when it has none. */
  partName?: (indicatorCode: string, part: string) => string | undefined;
}

/**
 * An import report as a person reads it in a terminal, in one language: summary, problems (a list, so that no
 * sentence is cut to a column's width), then the observations it lists.
 */
export function printReport(report: ImportReport, options: PrintOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const { summary: S, observationHead: H } = LABELS;
  const summary = new Table({ style: plain });
  summary.push(
    { [S.status[lang]]: LABELS.status[report.status][lang] },
    { [S.importId[lang]]: report.importId },
    { [S.observations[lang]]: String(report.counts.observations) },
    // The groups add up to what was read: actual values decided, and the plans' targets only compared.
    // A file that failed its check decided nothing: its actual values were checked, and none was written.
    report.status === 'rejected'
      ? { [S.unwritten[lang]]: String(report.counts.observations - (report.counts.targets ?? 0)) }
      : { [S.decided[lang]]: `${report.counts.new} / ${report.counts.revised} / ${report.counts.unchanged}` },
    { [S.targets[lang]]: String(report.counts.targets ?? 0) },
    { [S.problems[lang]]: String(report.counts.problems) },
  );
  const parts = [summary.toString()];
  if (report.problems.length > 0) {
    const lines = [SENTENCES.problemsTitle(report.problems.length)[lang]];
    report.problems.forEach((problem, index) => {
      const where = [LABELS.severity[problem.severity][lang], problem.code].join(' · ');
      // Each cell with the indicator as the sheet prints it and the year, then the hint once (problem-text.ts).
      const text = problemText(problem, lang)
        .split('\n')
        .map((line) => `   ${line}`);
      lines.push(`${index + 1}. ${where}`, ...text);
    });
    parts.push(lines.join('\n'));
  }
  if (report.observations.length > 0) {
    const observations = new Table({
      head: [H.cell, H.indicator, H.part, H.year, H.kind, H.region, H.value].map((label) => label[lang]),
      style: plain,
    });
    for (const o of report.observations) {
      const part = o.part ? (options.partName?.(o.indicator.code, o.part) ?? o.part) : '';
      observations.push([
        o.cell,
        // The row as the sheet prints it beside the catalog's name, when they differ (issue 13).
        o.rowLabel && normaliseName(o.rowLabel) !== normaliseName(o.indicator.name)
          ? `${o.indicator.name}${SENTENCES.asPrinted(o.rowLabel)[lang]}`
          : o.indicator.name,
        part || (o.tier ? LABELS.tier[o.tier][lang] : ''),
        String(o.year),
        LABELS.kind[o.kind][lang],
        o.region,
        showValue(o.comparator, o.value, o.indicator.unit),
      ]);
    }
    parts.push(observations.toString());
  }
  if (report.observationsOmitted) parts.push(SENTENCES.omitted(report.observationsOmitted)[lang]);
  return parts.join('\n');
}
