/**
 * Letters typed for digits in a number (1O0 with a letter O, l00 or I00 with an l or an I, the same in
 * full-width letters ＯＩｌ): recognised and named, never silently corrected, because the clerk must confirm what
 * was meant. Pure.
 */

/** Letters that look like a digit, in ASCII (the caller's normalised twin makes full-width ones ASCII). */
const LOOK_ALIKE_DIGITS: ReadonlyMap<string, string> = new Map([
  ['O', '0'],
  ['o', '0'],
  ['l', '1'],
  ['I', '1'],
]);

/** A number as the grammar reads it, with its optional sign, thousands separators and decimals. */
const WHOLE_NUMBER = /^[+-]?\s*(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)$/u;

export interface ValueTypo {
  /** The number the clerk most likely meant, as typed with the digits put back ("100"). */
  intended: string;
  /** Each look-alike as printed in the cell (full-width kept) and the digit it stands for. */
  letters: { printed: string; digit: string }[];
}

/**
 * The typo in a number, when replacing its look-alike letters by digits leaves a number (at least one real digit
 * must be there: "lol" is a word, not a typo). `norm` is the half-width twin of `printed`, of the same length.
 */
export function lookAlikeDigits(norm: string, printed: string): ValueTypo | undefined {
  if (!/\d/u.test(norm)) return undefined;
  const letters: ValueTypo['letters'] = [];
  let intended = '';
  for (let index = 0; index < norm.length; index++) {
    const char = norm.charAt(index);
    const digit = LOOK_ALIKE_DIGITS.get(char);
    if (digit === undefined) {
      intended += char;
      continue;
    }
    intended += digit;
    letters.push({ printed: printed.charAt(index), digit });
  }
  if (letters.length === 0 || !WHOLE_NUMBER.test(intended.trim())) return undefined;
  return { intended: intended.trim(), letters };
}

/** "字母 O 应为数字 0", "全角字母 Ｏ 应为数字 0", each distinct look-alike once. */
export function describeTypo(typo: ValueTypo): { zh: string; en: string } {
  const seen = new Map<string, string>();
  for (const { printed, digit } of typo.letters) seen.set(printed, digit);
  const zh = [...seen].map(
    ([printed, digit]) => `${isFullWidth(printed) ? '全角字母' : '字母'} ${printed} 应为数字 ${digit}`,
  );
  const en = [...seen].map(
    ([printed, digit]) =>
      `the ${isFullWidth(printed) ? 'full-width ' : ''}letter ${printed} should be the digit ${digit}`,
  );
  return { zh: zh.join('、'), en: en.join(', ') };
}

const isFullWidth = (char: string) => char >= '\uff01' && char <= '\uff5e';
