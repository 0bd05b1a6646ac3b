import type { Evaluation } from '../../domain/evaluation/evaluation.ts';
import { percentForPeople } from '../../domain/evaluation/for-people.ts';
import { csvBody } from '../read-response.ts';
import { columnsOf } from './lines.ts';

/** The evaluation as CSV (UTF-8 with BOM): the workbook's columns, percentages written as such. */
export function evaluationCsv(evaluation: Evaluation): string {
  const columns = columnsOf(evaluation).map((c) => ({
    header: c.header,
    value: (t: Evaluation['categories'][number]['targets'][number]) => {
      const value = c.cell(t);
      return c.numFmt === '0.0%' && typeof value === 'number' ? percentForPeople(value) : value;
    },
  }));
  return csvBody(
    evaluation.categories.flatMap((c) => c.targets),
    columns,
  );
}
