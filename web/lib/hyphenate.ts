/**
 * Soft hyphens in long Danish words, so a heading on a phone breaks "Kriminalitets-|forebyggelse"
 * where Danish breaks it, not at any letter. Browsers hyphenate by themselves (`lang="da"` and
 * `hyphens: auto`) only where they have a Danish dictionary, which many do not; a soft hyphen
 * shows only where the line breaks, and screen readers ignore it.
 */
import da from 'hyphen/da/index.js';
import type { TLocale } from '../../contracts/common.ts';

/** Shorter words fit the widest heading on a 360 px screen. */
const MIN_WORD_LENGTH = 15;

export function hyphenate(text: string, locale: TLocale): string {
  return locale === 'da' ? da.hyphenateSync(text, { minWordLength: MIN_WORD_LENGTH }) : text;
}
