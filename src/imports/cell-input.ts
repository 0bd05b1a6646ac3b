import type { CellInput } from '../domain/value-grammar.ts';

/**
 * What exceljs gives for a cell's value, in every shape it uses: primitives, Date, rich text, hyperlinks, errors,
 * and formulas (shared-formula copies too) with their cached result. Typed here by shape so that nothing but
 * the reader imports exceljs.
 */
export type ExcelValue = unknown;

/** A number format shows a percentage when it has a % outside quoted text ("0.0%", not "0\"%\""). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /%/.test(numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function richText(value: Record<string, unknown>): string | undefined {
  if (!Array.isArray(value.richText)) return undefined;
  return value.richText
    .map((run) => (isObject(run) && typeof run.text === 'string' ? run.text : ''))
    .join('');
}

/** Shown the way Excel would show it, near enough for provenance: 65.5% for 0.655 in a percent cell. */
function printedNumber(value: number, percent: boolean): string {
  return percent ? `${Number((value * 100).toPrecision(12))}%` : String(value);
}

/** One exceljs cell value and its number format as the value grammar's input, with the text it shows. */
export function toCellInput(
  value: ExcelValue,
  numFmt: string | undefined,
): { input: CellInput; printed: string } {
  const percentFormat = isPercentFormat(numFmt);
  if (value === null || value === undefined) return { input: { kind: 'empty' }, printed: '' };
  if (typeof value === 'string') return { input: { kind: 'text', text: value }, printed: value };
  if (typeof value === 'number') {
    return { input: { kind: 'number', value, percentFormat }, printed: printedNumber(value, percentFormat) };
  }
  if (typeof value === 'boolean') {
    const text = value ? 'TRUE' : 'FALSE';
    return { input: { kind: 'text', text }, printed: text };
  }
  if (value instanceof Date) return { input: { kind: 'date' }, printed: value.toISOString().slice(0, 10) };
  if (!isObject(value)) return { input: { kind: 'text', text: String(value) }, printed: String(value) };
  if (typeof value.error === 'string')
    return { input: { kind: 'error', text: value.error }, printed: value.error };
  const rich = richText(value);
  if (rich !== undefined) return { input: { kind: 'text', text: rich }, printed: rich };
  if ('formula' in value || 'sharedFormula' in value || 'result' in value)
    return formulaInput(value, percentFormat);
  if (typeof value.text === 'string')
    return { input: { kind: 'text', text: value.text }, printed: value.text };
  if (isObject(value.text)) {
    const text = richText(value.text) ?? '';
    return { input: { kind: 'text', text }, printed: text };
  }
  return { input: { kind: 'text', text: JSON.stringify(value) }, printed: JSON.stringify(value) };
}

function formulaInput(
  value: Record<string, unknown>,
  percentFormat: boolean,
): { input: CellInput; printed: string } {
  const result = value.result;
  if (result instanceof Date) return { input: { kind: 'date' }, printed: result.toISOString().slice(0, 10) };
  if (isObject(result) && typeof result.error === 'string') {
    return { input: { kind: 'error', text: result.error }, printed: result.error };
  }
  if (typeof result === 'number') {
    return {
      input: { kind: 'formula', result, percentFormat },
      printed: printedNumber(result, percentFormat),
    };
  }
  if (typeof result === 'string')
    return { input: { kind: 'formula', result, percentFormat }, printed: result };
  if (typeof result === 'boolean') {
    const text = result ? 'TRUE' : 'FALSE';
    return { input: { kind: 'formula', result: text, percentFormat }, printed: text };
  }
  const formula = typeof value.formula === 'string' ? value.formula : '';
  return {
    input: { kind: 'formula', result: undefined, percentFormat },
    printed: formula ? `=${formula}` : '',
  };
}
