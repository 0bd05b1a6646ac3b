/**
 * NUL (PostgreSQL's text and jsonb cannot hold it) and a UTF-16 surrogate without its pair (it has no UTF-8 form,
 * so PostgreSQL refuses it too): input holding either must be refused before it reaches a query. Without the `u`
 * flag a regular expression sees code units, which is what a lone surrogate is.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for.
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BAD_TEXT_ALL = new RegExp(BAD_TEXT.source, 'g');

/** True when the text holds a NUL or a lone surrogate. */
export const isBadText = (text: string): boolean => BAD_TEXT.test(text);

/** The text as a message can show it: each NUL or lone surrogate as U+FFFD. */
export const shownText = (text: string): string => text.replace(BAD_TEXT_ALL, '\ufffd');
