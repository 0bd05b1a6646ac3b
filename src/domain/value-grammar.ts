/**
 * The grammar of a value cell in the plans' indicator tables and in the sheets bureaus make from them
 * (shared/notes/value-semantics.md is the authority): ＞0.71, ≈100, 4900万, 2(9), 100、20、12,
 * 省级>90，市级>80，县级>70, 示范（试点）企业：3（27）, a range 3到5 / 3-5, —, _____ …
 *
 * Pure: no I/O, no clock, no spreadsheet library. parseCell never throws; whatever it cannot read becomes a
 * problem on the cell with a message a clerk can act on, because a guess would put a wrong number in a report.
 */

import { convertUnit, isKnownUnit, magnitudeExponent, scaleByPowerOfTen, splitMagnitude } from './units.ts';
import { describeTypo, lookAlikeDigits } from './value-typos.ts';
import type { Comparator, Direction, Tier } from './vocabulary.ts';

/** What a spreadsheet reader hands over for one cell. */
export type CellInput =
  | { kind: 'text'; text: string }
  /** percentFormat: the cell's number format is a percentage (0.655 is shown as 65.5%). */
  | { kind: 'number'; value: number; percentFormat?: boolean }
  | { kind: 'empty' }
  /** The cached result of a formula; undefined when the file saved none. percentFormat as for numbers. */
  | { kind: 'formula'; result: number | string | undefined; percentFormat?: boolean }
  | { kind: 'date' }
  | { kind: 'error'; text: string };

/** A declared part of the row's indicator, in order: 示范/试点, or 城市/乡镇/农村. */
export interface CellPart {
  code: string;
  name: string;
}

/** What the row says about its cells. */
export interface CellContext {
  column: 'actual' | 'target';
  /** The row's unit (%, 亿元, 万张 …), '' when it has none (an index). */
  unit: string;
  direction: Direction;
  parts: readonly CellPart[];
}

/** One value read from a cell, in the row's unit. part and tier are null for the indicator as a whole. */
export interface CellValue {
  part: string | null;
  tier: Tier;
  comparator: Comparator;
  value: number;
  /** A range's upper bound (comparator between: 3到5, 3-5, 3～5); `value` is the lower one. */
  upper?: number;
}

/** Stable codes of the problems a cell can have. */
export const VALUE_PROBLEM_CODES = [
  'date_not_a_value',
  'spreadsheet_error',
  'formula_without_result',
  'unreadable_value',
  'part_count_mismatch',
  'unknown_part_label',
  'duplicate_label',
  'empty_label_value',
  'unit_mismatch',
  'non_finite_value',
  'ambiguous_separator',
  'value_typo',
  'internal_error',
] as const;
export type ValueProblemCode = (typeof VALUE_PROBLEM_CODES)[number];

export interface ValueProblem {
  code: ValueProblemCode;
  /** What is wrong with this cell. */
  message: { zh: string; en: string };
  /**
   * How to write it instead, when that is the same for every cell with this problem: a sheet with many such cells
   * gives it once (withHint joins the two for one cell).
   */
  hint?: { zh: string; en: string };
}

/** A problem's message with its hint after it: the whole text for one cell. */
export function withHint(problem: ValueProblem): { zh: string; en: string } {
  if (!problem.hint) return problem.message;
  return {
    zh: `${problem.message.zh}${problem.hint.zh}`,
    en: `${problem.message.en} ${problem.hint.en}`,
  };
}

export type ParsedCell =
  | { status: 'values'; values: CellValue[]; label?: string }
  | { status: 'missing'; marker: string; label?: string }
  | { status: 'problem'; problem: ValueProblem };

/** Reads one cell. Never throws. */
export function parseCell(input: CellInput, context: CellContext): ParsedCell {
  try {
    return readInput(input, context);
  } catch (error) {
    // Only reachable through input that breaks the declared types (e.g. parts missing at run time).
    const detail = error instanceof Error ? error.message : String(error);
    return problemCell('internal_error', {
      zh: `读取单元格时出现内部错误（${clip(detail)}），请将文件发给管理员。`,
      en: `An internal error occurred while reading the cell (${clip(detail)}); please send the file to an administrator.`,
    });
  }
}

function readInput(input: CellInput, context: CellContext): ParsedCell {
  switch (input?.kind) {
    case 'text':
      return typeof input.text === 'string' ? readText(input.text, context) : unreadableInput(input);
    case 'number':
      return readNumber(input.value, input.percentFormat === true, context);
    case 'empty':
      return { status: 'missing', marker: '' };
    case 'formula':
      return readFormula(input.result, input.percentFormat === true, context);
    case 'date':
      return problemCell('date_not_a_value', {
        zh: '单元格是日期，不是指标值。请填写数字（如 61.48），未填报的请填“—”。',
        en: 'The cell holds a date, not an indicator value. Enter a number (such as 61.48), or "—" if not reported.',
      });
    case 'error':
      return spreadsheetError(String(input.text));
    default:
      return unreadableInput(input);
  }
}

function unreadableInput(input: unknown): ParsedCell {
  const shown = clip(safeJson(input));
  return problemCell('unreadable_value', {
    zh: `无法识别单元格内容 ${shown}。`,
    en: `Cannot read the cell content ${shown}.`,
  });
}

function readFormula(result: unknown, percentFormat: boolean, context: CellContext): ParsedCell {
  // We never calculate: a formula is worth its cached result or nothing.
  if (result === undefined || result === null) {
    return problemCell('formula_without_result', {
      zh: '单元格是公式，但文件中没有保存计算结果（本系统不计算公式）。请用 Excel 打开并保存文件，或直接填写数值。',
      en: 'The cell holds a formula but the file has no saved result (we do not calculate formulas). Open and save the file in Excel, or type the value.',
    });
  }
  if (typeof result === 'number') return readNumber(result, percentFormat, context);
  if (typeof result === 'string') return readText(result, context);
  return unreadableInput(result);
}

function readNumber(value: unknown, percentFormat: boolean, context: CellContext): ParsedCell {
  if (typeof value !== 'number' || !Number.isFinite(value)) return nonFiniteCell(String(value));
  let inRowUnit = value;
  if (percentFormat) {
    // The clerk sees 65.5%: that is 65.5 in a % row, and a different quantity than the row's unit otherwise.
    const shown = scaleByPowerOfTen(value, 2);
    const converted = convertUnit(shown, '%', context.unit);
    if (converted === undefined) {
      return problemCell('unit_mismatch', {
        zh: `单元格设置为百分比格式（显示为 ${shown}%），但本行的单位是“${context.unit}”。请去掉百分比格式或改用本行单位填写。`,
        en: `The cell is formatted as a percentage (it shows ${shown}%), but the row's unit is "${context.unit}". Remove the percentage format or enter the value in the row's unit.`,
      });
    }
    inRowUnit = converted;
  }
  if (!Number.isFinite(inRowUnit)) return nonFiniteCell(String(value));
  return {
    status: 'values',
    values: [{ part: null, tier: null, comparator: bareComparator(context), value: positiveZero(inRowUnit) }],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Text

/**
 * The cell as printed and a normalised twin of the same length (full-width forms made half-width one code unit
 * for one), so that the same slice of both is the same piece of the cell: we parse the twin and quote the print.
 */
interface Span {
  readonly norm: string;
  readonly printed: string;
}

/** What every reader of a piece of the cell needs: the row, and the whole cell to quote in messages. */
interface Scope {
  readonly context: CellContext;
  readonly cell: string;
}

/** One value of a cell before it is given a part or a tier. */
type Item =
  | { kind: 'value'; comparator: Comparator; value: number; upper?: number }
  | { kind: 'missing'; marker: string };

type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ValueProblem };

function readText(text: string, context: CellContext): ParsedCell {
  const whole = trimSpan(toSpan(text));
  const scope: Scope = { context, cell: whole.printed };
  if (whole.norm === '') return { status: 'missing', marker: '' };
  if (SPREADSHEET_ERROR.test(whole.norm)) return spreadsheetError(whole.printed);
  if (isMissingMarker(whole.norm)) return { status: 'missing', marker: whole.printed };
  // Labelled values (省级>90，市级>80) first: their labels are known, so when they fit they are what was meant.
  const labelled = readLabelledList(whole, scope);
  if (labelled?.decisive) return labelled.cell;
  const subRow = readSubRow(whole, scope);
  if (subRow && subRow.status !== 'problem') return subRow;
  return labelled?.cell ?? subRow ?? readPlain(whole, scope);
}

/**
 * Full-width ASCII (＞ ＜ ＝ （ ） ， ： ； ％ ． ０-９ ／ ＿ －) and a few look-alikes, each to one half-width code unit.
 * Not NFKC: NFKC would also turn ² into 2 and change the length.
 */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  ['\u3000', ' '], // ideographic space
  ['\u2212', '-'], // minus sign
  ['\u2010', '-'], // hyphen
  ['\u2011', '-'], // non-breaking hyphen
  ['\ufe63', '-'], // small hyphen-minus
  ['\ufe50', ','], // small comma
  ['\ufe51', '、'], // small ideographic comma
  ['\uff64', '、'], // half-width ideographic comma
  ['\ufe55', ':'], // small colon
  ['\ufe59', '('], // small parentheses
  ['\ufe5a', ')'],
  ['\ufe64', '<'], // small less-than / greater-than
  ['\ufe65', '>'],
]);

function toSpan(printed: string): Span {
  const norm = printed.replace(
    /[\uff01-\uff5e\u3000\u2212\u2010\u2011\ufe63\ufe50\ufe51\uff64\ufe55\ufe59\ufe5a\ufe64\ufe65]/gu,
    (c) =>
      c >= '\uff01' && c <= '\uff5e'
        ? String.fromCharCode(c.charCodeAt(0) - 0xfee0)
        : (LOOK_ALIKES.get(c) ?? c),
  );
  return { norm, printed };
}

function sliceSpan(span: Span, start: number, end?: number): Span {
  return { norm: span.norm.slice(start, end), printed: span.printed.slice(start, end) };
}

function trimSpan(span: Span): Span {
  const start = span.norm.length - span.norm.trimStart().length;
  const end = span.norm.trimEnd().length;
  return start >= end ? sliceSpan(span, 0, 0) : sliceSpan(span, start, end);
}

const SPREADSHEET_ERROR =
  /^#(?:DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/iu;

/** —, -, –, ——, _____ (any run of dashes or underscores), ／, /, 无, 暂无: not reported (never zero). */
const MISSING_MARKER = /^(?:[-‐‑‒–—―─━_]+|\/+|无|暂无)$/u;

function isMissingMarker(norm: string): boolean {
  return MISSING_MARKER.test(norm.replace(/\s+/gu, ''));
}

/** Separators of a list of values: 20，8 / 100、20、12 / 省级>90；市级>80. */
const SEPARATORS: ReadonlySet<string> = new Set([',', '、', ';']);

/** Splits at separators outside brackets; each piece trimmed. */
function splitItems(span: Span): Span[] {
  const items: Span[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < span.norm.length; index++) {
    const char = span.norm.charAt(index);
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && SEPARATORS.has(char)) {
      items.push(trimSpan(sliceSpan(span, start, index)));
      start = index + 1;
    }
  }
  items.push(trimSpan(sliceSpan(span, start)));
  return items;
}

// ---------------------------------------------------------------------------------------------------------------
// One value: comparator, number, multiplier or unit, suffix comparator

function longestFirst<T>(entries: readonly (readonly [string, T])[]): readonly (readonly [string, T])[] {
  return [...entries].sort(([a], [b]) => b.length - a.length);
}

const PREFIX_COMPARATORS = longestFirst<Comparator>([
  ['>=', 'gte'],
  ['=>', 'gte'],
  ['≥', 'gte'],
  ['≧', 'gte'],
  ['不低于', 'gte'],
  ['不少于', 'gte'],
  ['不小于', 'gte'],
  ['<=', 'lte'],
  ['=<', 'lte'],
  ['≤', 'lte'],
  ['≦', 'lte'],
  ['不超过', 'lte'],
  ['不高于', 'lte'],
  ['不大于', 'lte'],
  ['不多于', 'lte'],
  ['>', 'gt'],
  ['超过', 'gt'],
  ['大于', 'gt'],
  ['高于', 'gt'],
  ['多于', 'gt'],
  ['<', 'lt'],
  ['低于', 'lt'],
  ['小于', 'lt'],
  ['少于', 'lt'],
  ['≈', 'approx'],
  ['≒', 'approx'],
  ['~', 'approx'],
  ['约', 'approx'],
  ['大约', 'approx'],
  ['约为', 'approx'],
  ['=', 'eq'],
]);

/** 以上 includes the number in Chinese usage (90%以上 is at least 90%), as 以下 and 以内 do. */
const SUFFIX_COMPARATORS = longestFirst<Comparator>([
  ['及以上', 'gte'],
  ['以上', 'gte'],
  ['及以下', 'lte'],
  ['以下', 'lte'],
  ['以内', 'lte'],
  ['左右', 'approx'],
]);

/** A decimal number, with thousands separators (1,000) or without; a sign for the odd negative value. */
const NUMBER = /^([+-]?)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/u;

/** A bare number: eq as an actual; as a target a floor (gte) or a ceiling (lte) by the indicator's direction. */
function bareComparator(context: CellContext): Comparator {
  if (context.column === 'actual') return 'eq';
  return context.direction === 'decrease' ? 'lte' : 'gte';
}

function readSingle(span: Span, scope: Scope): Outcome<Item> {
  const text = trimSpan(span);
  if (text.norm === '') return fail(unreadable(scope, { zh: '缺少数值', en: 'a value is missing' }));
  if (isMissingMarker(text.norm)) return { ok: true, value: { kind: 'missing', marker: text.printed } };

  const range = readRange(text, scope);
  if (range) return range;
  const prefix = PREFIX_COMPARATORS.find(([token]) => text.norm.startsWith(token));
  const afterPrefix = prefix ? text.norm.slice(prefix[0].length).trimStart() : text.norm;
  const typo = typoIn(sliceSpan(text, text.norm.length - afterPrefix.length), scope);
  if (typo) return fail(typo);
  const number = NUMBER.exec(afterPrefix);
  if (!number) return fail(unreadable(scope, notANumber(text.printed)));

  let unitText = afterPrefix.slice(number[0].length).trim();
  const suffix = SUFFIX_COMPARATORS.find(([token]) => unitText.endsWith(token));
  if (suffix) unitText = unitText.slice(0, -suffix[0].length).trim();
  if (prefix && suffix && prefix[1] !== suffix[1]) {
    return fail(
      unreadable(scope, {
        zh: `“${clip(text.printed)}”同时有两个相互矛盾的比较符`,
        en: `"${clip(text.printed)}" has two comparators that disagree`,
      }),
    );
  }

  const digits = `${number[1] ?? ''}${(number[2] ?? '').replaceAll(',', '')}`;
  const value = toRowUnit(Number(digits), unitText, text.printed, scope);
  if (!value.ok) return value;
  if (!Number.isFinite(value.value)) return fail(nonFinite(scope.cell));
  const comparator = prefix?.[1] ?? suffix?.[1] ?? bareComparator(scope.context);
  return { ok: true, value: { kind: 'value', comparator, value: positiveZero(value.value) } };
}

/**
 * 3到5, 3至5, 3～5, 3-5 (个, %, 万 after either number or both): a range, `between` in a target column. An actual
 * is one number, so a range there is a problem on the cell rather than a guess at which end was meant.
 */
const RANGE = /^(\d+(?:\.\d+)?)\s*([^\d\s.到至~\-–—〜]*)\s*(?:到|至|~|-|–|—|〜)\s*(\d+(?:\.\d+)?)\s*(\D*)$/u;

function readRange(text: Span, scope: Scope): Outcome<Item> | undefined {
  const match = RANGE.exec(text.norm);
  if (!match) return undefined;
  const [, lowDigits = '', lowUnit = '', highDigits = '', highUnit = ''] = match;
  if (scope.context.column === 'actual') {
    return fail(
      unreadable(scope, {
        zh: `实际值应为一个数值，“${clip(text.printed)}”是一个区间`,
        en: `an actual is one number; "${clip(text.printed)}" is a range`,
      }),
    );
  }
  const trailing = highUnit.trim();
  const low = toRowUnit(Number(lowDigits), lowUnit.trim() || trailing, text.printed, scope);
  if (!low.ok) return low;
  const high = toRowUnit(Number(highDigits), trailing, text.printed, scope);
  if (!high.ok) return high;
  if (!(high.value > low.value)) {
    return fail(
      unreadable(scope, {
        zh: `区间“${clip(text.printed)}”的上限须大于下限`,
        en: `the range "${clip(text.printed)}" needs an upper bound above its lower one`,
      }),
    );
  }
  return {
    ok: true,
    value: { kind: 'value', comparator: 'between', value: positiveZero(low.value), upper: high.value },
  };
}

/**
 * A number written with a multiplier or a unit, in the row's unit. 万/亿/万亿 multiply into the row's unit,
 * relative to a magnitude the unit already has: 4900万 in a 张 row is 49000000, 250万 in a 万张 row is 250,
 * 3.7万亿 in a 亿元 row is 37000. A unit written in the cell (65.5%, 250万张, 10G) is converted to the row's.
 */
function toRowUnit(value: number, unitText: string, printed: string, scope: Scope): Outcome<number> {
  const rowUnit = scope.context.unit;
  if (unitText === '') return { ok: true, value };
  const isMultiplier = magnitudeExponent(unitText) !== undefined;
  const from = isMultiplier ? unitText + splitMagnitude(rowUnit).core : unitText;
  const converted = convertUnit(value, from, rowUnit);
  if (converted !== undefined) return { ok: true, value: converted };
  if (!isKnownUnit(unitText)) return fail(unreadable(scope, notANumber(printed)));
  return fail({
    code: 'unit_mismatch',
    message: {
      zh: `“${clip(scope.cell)}”中的单位“${unitText}”与本行的单位“${rowUnit}”不一致，无法换算。`,
      en: `The unit "${unitText}" in "${clip(scope.cell)}" does not match the row's unit "${rowUnit}" and cannot be converted.`,
    },
    hint: { zh: '请按本行单位填写。', en: "Enter the value in the row's unit." },
  });
}

/** 1O0, l00, ＩＯＯ: a number with letters typed for digits, named with the value it most likely is. */
function typoIn(span: Span, scope: Scope): ValueProblem | undefined {
  const suffix = SUFFIX_COMPARATORS.find(([token]) => span.norm.endsWith(token));
  const number = suffix ? trimSpan(sliceSpan(span, 0, span.norm.length - suffix[0].length)) : span;
  const typo = lookAlikeDigits(number.norm, number.printed);
  if (!typo) return undefined;
  const named = describeTypo(typo);
  return {
    code: 'value_typo',
    message: {
      zh: `${clip(number.printed)} 中的${named.zh}？（“${clip(scope.cell)}”应是 ${typo.intended} 吗？）`,
      en: `In ${clip(number.printed)}, ${named.en}? (Did "${clip(scope.cell)}" mean ${typo.intended}?)`,
    },
    // Once for all the typos of a file, not in each cell.
    hint: {
      zh: '请改正后重新上传，系统不会自动替换。',
      en: 'Correct them and upload again; they are not replaced automatically.',
    },
  };
}

function notANumber(printed: string): { zh: string; en: string } {
  return { zh: `“${clip(printed)}”不是数值`, en: `"${clip(printed)}" is not a number` };
}

// ---------------------------------------------------------------------------------------------------------------
// Several values: compound 2(9), list 100、20、12, labelled 省级>90，市级>80, sub-row 示范（试验区）：2

/** Values and missing markers given their part or tier; a cell whose every value is missing is missing. */
interface Slot {
  part: string | null;
  tier: Tier;
  item: Item;
}

function assemble(slots: readonly Slot[], whole: Span): ParsedCell {
  const values: CellValue[] = [];
  for (const { part, tier, item } of slots) {
    // A missing part of a compound (—(27)) is simply not reported; the other parts still are.
    if (item.kind === 'value') {
      const upper = item.upper === undefined ? {} : { upper: item.upper };
      values.push({ part, tier, comparator: item.comparator, value: item.value, ...upper });
    }
  }
  return values.length > 0 ? { status: 'values', values } : { status: 'missing', marker: whole.printed };
}

/** Plain values: one value, a compound a(b), or a list a，b，c, without labels. */
function readPlain(span: Span, scope: Scope): ParsedCell {
  const text = trimSpan(span);
  if (isMissingMarker(text.norm)) return { status: 'missing', marker: text.printed };
  const items = splitItems(text);
  if (items.length > 1) return readList(text, items, scope);
  const compound = splitCompound(text);
  if (compound) return readCompound(text, compound, scope);
  const single = readSingle(text, scope);
  if (!single.ok) return { status: 'problem', problem: single.problem };
  // A single value in a row with parts is for the row as a whole.
  return assemble([{ part: null, tier: null, item: single.value }], text);
}

/** 2(9): the value before the bracket and the one inside; each may have its own comparator (>50(>500)). */
function splitCompound(text: Span): { head: Span; inner: Span } | undefined {
  const open = text.norm.indexOf('(');
  if (open <= 0 || !text.norm.endsWith(')')) return undefined;
  return { head: sliceSpan(text, 0, open), inner: sliceSpan(text, open + 1, text.norm.length - 1) };
}

function readCompound(text: Span, compound: { head: Span; inner: Span }, scope: Scope): ParsedCell {
  const head = readSingle(compound.head, scope);
  if (!head.ok) return { status: 'problem', problem: head.problem };
  const inner = readSingle(compound.inner, scope);
  if (!inner.ok) return { status: 'problem', problem: inner.problem };
  const [first, second, ...others] = scope.context.parts;
  if (!first || !second || others.length > 0) return partCountMismatch(scope, 2);
  return assemble(
    [
      { part: first.code, tier: null, item: head.value },
      { part: second.code, tier: null, item: inner.value },
    ],
    text,
  );
}

/**
 * 20，8 or 100、20、12: one value per declared part, in order. 1,000 is a number with a thousands separator;
 * when the row's parts make 100,500 readable both ways we ask rather than guess.
 */
function readList(text: Span, items: readonly Span[], scope: Scope): ParsedCell {
  const { parts } = scope.context;
  const asNumber = readSingle(text, scope);
  const listItems: Item[] = [];
  let listProblem: ValueProblem | undefined;
  for (const span of items) {
    const item = readSingle(span, scope);
    if (!item.ok) {
      listProblem = item.problem;
      break;
    }
    listItems.push(item.value);
  }
  const listFits = listProblem === undefined && listItems.length === parts.length;
  if (asNumber.ok && listFits) return ambiguousSeparator(scope, items.length);
  if (asNumber.ok) return assemble([{ part: null, tier: null, item: asNumber.value }], text);
  if (listProblem) return { status: 'problem', problem: listProblem };
  if (!listFits) return partCountMismatch(scope, listItems.length);
  return assemble(
    listItems.map((item, index) => ({ part: parts[index]?.code ?? null, tier: null, item })),
    text,
  );
}

/** Labels of government tiers in a tiered target (省级>90，市级>80，县级>70). */
const TIER_LABELS: ReadonlyMap<string, NonNullable<Tier>> = new Map([
  ['省级', 'province'],
  ['省', 'province'],
  ['市级', 'city'],
  ['市', 'city'],
  ['县级', 'county'],
  ['县', 'county'],
]);

interface LabelledItem {
  /** As printed, for messages. */
  printedLabel: string;
  target: { part: string | null; tier: Tier } | undefined;
  value: Span;
}

/**
 * 省级>90，市级>80 or 城市：100，乡镇：20: every item starts with a label naming a tier or a declared part.
 * decisive: every label was known, so this reading is what the cell means (even when a value in it is wrong).
 * undefined: not every item has a label, or a single item's label is unknown (the sub-row form 示范（试验区）：2).
 */
function readLabelledList(span: Span, scope: Scope): { cell: ParsedCell; decisive: boolean } | undefined {
  const items: LabelledItem[] = [];
  for (const item of splitItems(span)) {
    const labelled = splitLabel(item, scope);
    if (!labelled) return undefined;
    items.push(labelled);
  }
  const unknown = items.find((item) => item.target === undefined);
  if (unknown) {
    if (items.length === 1) return undefined;
    return { decisive: false, cell: unknownPartLabel(scope, unknown.printedLabel) };
  }
  const decided = (cell: ParsedCell) => ({ decisive: true, cell });
  const hasTier = items.some((item) => item.target?.tier != null);
  const hasPart = items.some((item) => item.target?.part != null);
  if (hasTier && hasPart) {
    return decided(
      problemCell('unreadable_value', {
        zh: `无法识别“${clip(scope.cell)}”：一个单元格中不能同时按层级（省级、市级、县级）和分项填写。`,
        en: `Cannot read "${clip(scope.cell)}": one cell cannot mix government tiers (省级, 市级, 县级) and parts.`,
      }),
    );
  }
  const slots: Slot[] = [];
  const seen = new Set<string>();
  for (const { printedLabel, target, value } of items) {
    const key = `${target?.part ?? ''}|${target?.tier ?? ''}`;
    if (seen.has(key)) return decided(duplicateLabel(scope, printedLabel));
    seen.add(key);
    if (value.norm === '') return decided(emptyLabelValue(scope, printedLabel));
    const item = readSingle(value, scope);
    if (!item.ok) return decided({ status: 'problem', problem: item.problem });
    slots.push({ part: target?.part ?? null, tier: target?.tier ?? null, item: item.value });
  }
  return decided(assemble(slots, span));
}

/** label：value, or a known label written straight before its value (省级>90, 城市100). */
function splitLabel(item: Span, scope: Scope): LabelledItem | undefined {
  const colon = item.norm.indexOf(':');
  if (colon >= 0) {
    const printedLabel = item.printed.slice(0, colon).trim();
    return {
      printedLabel,
      target: labelTarget(normaliseName(printedLabel), scope.context),
      value: trimSpan(sliceSpan(item, colon + 1)),
    };
  }
  const known = knownLabels(scope.context).find((label) => item.norm.startsWith(label));
  if (!known) return undefined;
  const value = trimSpan(sliceSpan(item, known.length));
  if (value.norm === '') return undefined;
  return {
    printedLabel: item.printed.slice(0, known.length),
    target: labelTarget(normaliseName(known), scope.context),
    value,
  };
}

/** Tier labels and the row's part names as they would be typed, longest first (市区 before 市). */
function knownLabels(context: CellContext): string[] {
  const partNames = context.parts.map((part) => toSpan(part.name).norm.replace(/\s+/gu, ''));
  return [...TIER_LABELS.keys(), ...partNames]
    .filter((label) => label !== '')
    .sort((a, b) => b.length - a.length);
}

function labelTarget(label: string, context: CellContext): { part: string | null; tier: Tier } | undefined {
  const tier = TIER_LABELS.get(label);
  if (tier) return { part: null, tier };
  const part = context.parts.find((candidate) => normaliseName(candidate.name) === label);
  return part ? { part: part.code, tier: null } : undefined;
}

/**
 * 示范（试验区）：2 — a sub-row: the label before the colon is returned, the rest is read as a value (which may
 * be a compound 3（27）, a list, tiers, or a missing marker).
 */
function readSubRow(span: Span, scope: Scope): ParsedCell | undefined {
  const colon = span.norm.indexOf(':');
  if (colon < 0) return undefined;
  const printedLabel = span.printed.slice(0, colon).trim();
  const label = normaliseName(printedLabel);
  // A label names something; 12:30 or :5 are not label and value.
  if (!/\p{L}/u.test(label)) {
    return problemCell('unreadable_value', {
      zh: `无法识别“${clip(scope.cell)}”：冒号前应为文字标签（如“示范（试验区）：2”）。`,
      en: `Cannot read "${clip(scope.cell)}": the text before the colon should be a label (as in "示范（试验区）：2").`,
    });
  }
  const rest = trimSpan(sliceSpan(span, colon + 1));
  if (rest.norm === '') return emptyLabelValue(scope, printedLabel);
  const labelled = readLabelledList(rest, scope);
  const cell = labelled?.decisive ? labelled.cell : (labelled?.cell ?? readPlain(rest, scope));
  return cell.status === 'problem' ? cell : { ...cell, label };
}

// ---------------------------------------------------------------------------------------------------------------
// Names of indicators

/** Bracket contents that annotate an index rather than give a unit: （以1为基准）, （以2010年为基期）. */
const ANNOTATION = /^以.+为(?:基准|基期|基数|基础)$/u;

/**
 * NFKC, no whitespace (zero-width too), one kind of bracket, no middle dots or quotes, one list comma, one dash:
 * the forms in which the same name is typed differently.
 */
function compactName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060]+/gu, '')
    .replace(/[[【〔〖]/gu, '(')
    .replace(/[\]】〕〗]/gu, ')')
    .replace(/[·•・‧∙⋅ㆍ]/gu, '')
    .replace(/["'“”‘’「」『』]/gu, '')
    .replace(/[,﹑、]/gu, '、')
    .replace(/[‐‑‒–—―−]/gu, '-');
}

/** The bracket that ends a name, (万张) in 社会保障卡发卡量(万张), matched across inner brackets. */
function trailingBracket(name: string): { before: string; content: string } | undefined {
  if (!name.endsWith(')')) return undefined;
  let depth = 0;
  for (let index = name.length - 1; index >= 0; index--) {
    const char = name.charAt(index);
    if (char === ')') depth++;
    else if (char === '(') depth--;
    if (depth === 0) return { before: name.slice(0, index), content: name.slice(index + 1, -1) };
  }
  return undefined;
}

/** （单位：万户） says the same as （万户）. */
function unitOfBracket(content: string): string {
  return content.replace(/^单位:/u, '');
}

/**
 * The name of an indicator as matched across plans and sheets: 社会保障卡发卡量（万张） → 社会保障卡发卡量,
 * 省两化融合示范（试点）企业（个） → 省两化融合示范(试点)企业, 社会保障·市民卡 → 社会保障市民卡.
 */
export function normaliseName(text: string): string {
  let name = compactName(text);
  for (let bracket = trailingBracket(name); bracket; bracket = trailingBracket(name)) {
    const content = unitOfBracket(bracket.content);
    if (!isKnownUnit(content) && !ANNOTATION.test(content)) break;
    name = bracket.before;
  }
  return name.toLowerCase();
}

/** The unit in a name's trailing bracket (%, 万张, Mbps, 台/百人), or undefined; （以1为基准） is no unit. */
export function unitInName(text: string): string | undefined {
  let name = compactName(text);
  for (let bracket = trailingBracket(name); bracket; bracket = trailingBracket(name)) {
    const content = unitOfBracket(bracket.content);
    if (isKnownUnit(content)) return content;
    if (!ANNOTATION.test(content)) return undefined;
    name = bracket.before;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

function fail<T>(problem: ValueProblem): Outcome<T> {
  return { ok: false, problem };
}

function problemCell(
  code: ValueProblemCode,
  message: { zh: string; en: string },
  hint?: { zh: string; en: string },
): ParsedCell {
  return { status: 'problem', problem: { code, message, ...(hint ? { hint } : {}) } };
}

/** Cell text in a message: one line, not a page. */
function clip(text: string): string {
  const line = text.replace(/\s+/gu, ' ');
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** -0 reads as 0: a report of zero has no sign. */
function positiveZero(value: number): number {
  return value === 0 ? 0 : value;
}

function partNames(context: CellContext): string {
  return context.parts.map((part) => part.name).join('、');
}

function spreadsheetError(text: string): ParsedCell {
  return problemCell(
    'spreadsheet_error',
    {
      zh: `单元格显示 Excel 错误“${clip(text)}”，没有可用的数值。`,
      en: `The cell shows the spreadsheet error "${clip(text)}", so it has no value.`,
    },
    { zh: '请修正公式或直接填写数值。', en: 'Fix the formula or type the value.' },
  );
}

function nonFinite(text: string): ValueProblem {
  return {
    code: 'non_finite_value',
    message: {
      zh: `“${clip(text)}”不是一个有限的数值（过大或无效）。`,
      en: `"${clip(text)}" is not a finite number (too large or invalid).`,
    },
  };
}

function nonFiniteCell(text: string): ParsedCell {
  return { status: 'problem', problem: nonFinite(text) };
}

/** The forms a value cell may take: said once for all the cells a sheet has that cannot be read. */
const VALUE_FORMAT_HINT = {
  zh: '可填写：数字（61.48、4900万）、带比较符的数字（>70、≥60、<50、≈100）、“—”表示未填报，或按本行分项填写（如 2(9)、100、20、12、省级>90，市级>80）。',
  en: 'Enter a number (61.48, 4900万), a number with a comparator (>70, ≥60, <50, ≈100), "—" if not reported, or one value per part of the row (2(9), 100、20、12, 省级>90，市级>80).',
};

function unreadable(scope: Scope, reason: { zh: string; en: string }): ValueProblem {
  return {
    code: 'unreadable_value',
    message: {
      zh: `无法识别“${clip(scope.cell)}”（${reason.zh}）。`,
      en: `Cannot read "${clip(scope.cell)}" (${reason.en}).`,
    },
    hint: VALUE_FORMAT_HINT,
  };
}

function partCountMismatch(scope: Scope, found: number): ParsedCell {
  const declared = scope.context.parts.length;
  const rowZh = declared === 0 ? '本行没有分项' : `本行有 ${declared} 个分项（${partNames(scope.context)}）`;
  const rowEn =
    declared === 0 ? 'the row has no parts' : `the row has ${declared} parts (${partNames(scope.context)})`;
  return problemCell('part_count_mismatch', {
    zh: `“${clip(scope.cell)}”中有 ${found} 个数值，但${rowZh}。请每个分项填一个数值，或只填一个数值表示整行。`,
    en: `"${clip(scope.cell)}" has ${found} values but ${rowEn}. Give one value per part, or a single value for the whole row.`,
  });
}

function unknownPartLabel(scope: Scope, label: string): ParsedCell {
  const parts = scope.context.parts.length > 0 ? partNames(scope.context) : '无';
  const partsEn = scope.context.parts.length > 0 ? partNames(scope.context) : 'none';
  return problemCell('unknown_part_label', {
    zh: `“${clip(scope.cell)}”中的“${clip(label)}”既不是本行的分项（${parts}），也不是层级（省级、市级、县级）。`,
    en: `"${clip(label)}" in "${clip(scope.cell)}" is neither a part of the row (${partsEn}) nor a government tier (省级, 市级, 县级).`,
  });
}

function duplicateLabel(scope: Scope, label: string): ParsedCell {
  return problemCell('duplicate_label', {
    zh: `“${clip(scope.cell)}”中“${clip(label)}”出现了不止一次。`,
    en: `"${clip(label)}" appears more than once in "${clip(scope.cell)}".`,
  });
}

function emptyLabelValue(scope: Scope, label: string): ParsedCell {
  return problemCell(
    'empty_label_value',
    {
      zh: `“${clip(scope.cell)}”中“${clip(label)}”后面没有数值。`,
      en: `"${clip(label)}" in "${clip(scope.cell)}" has no value after it.`,
    },
    { zh: '未填报的请填“—”。', en: 'Write "—" if it is not reported.' },
  );
}

function ambiguousSeparator(scope: Scope, count: number): ParsedCell {
  return problemCell('ambiguous_separator', {
    zh: `“${clip(scope.cell)}”既可读作一个带千位分隔符的数，也可读作 ${count} 个分项（${partNames(scope.context)}）的数值。请去掉千位分隔符，或用“、”分隔各分项。`,
    en: `"${clip(scope.cell)}" reads both as one number with thousands separators and as ${count} values for the parts (${partNames(scope.context)}). Remove the thousands separators, or separate the parts with "、".`,
  });
}
