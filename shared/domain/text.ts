/**
 * What text a shopkeeper can store: the contract's one rule for names, addresses, areas, tags, notes
 * and the shop's name. Text that shows as nothing (zero-width characters, fillers) would be a blank
 * name nobody can find or tell apart; control characters (NUL) and bidi controls (a right-to-left
 * override turns "张三 138" around on screen and on paper) hide what is really stored.
 */

// Controls but tab, newline and carriage return (notes have lines); the bidi controls (marks,
// embeddings, overrides, isolates); a lone surrogate half; the interlinear annotation controls.
const CONTROL_CHARS = /(?![\t\n\r])\p{Cc}|\p{Bidi_Control}|\p{Cs}|[\uFFF9-\uFFFB]/u;
const CONTROL_CHARS_ALL = new RegExp(CONTROL_CHARS.source, 'gu');

// Whitespace, characters that are ignored when shown (zero-width space and joiners, word joiner,
// soft hyphen, variation selectors, Hangul fillers...), controls, and the blank Braille pattern.
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]+$/u;

export function hasControlChars(text: string): boolean {
  return CONTROL_CHARS.test(text);
}

/** Non-empty text that shows as nothing at all. */
export function isInvisibleOnly(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}

/** Search text as typed, without the characters stored text may not hold (a NUL broke the search). */
export function withoutControlChars(text: string): string {
  return text.replace(CONTROL_CHARS_ALL, '');
}
