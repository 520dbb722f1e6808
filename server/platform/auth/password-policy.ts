import fs from 'node:fs';
import type { MessageKey } from '../i18n.ts';

/**
 * What a new password must not be, beyond its length (ASVS 2.1.7, 2.1.9): a common or breached
 * password, the user's own name or e-mail, or one repeated character / a simple sequence.
 * Composition rules (digits, symbols) are deliberately absent, as ASVS asks.
 *
 * common-passwords.txt is shipped with the code and read offline: lowercased bases of passwords
 * that top the published breach lists, Danish words, names and places people choose, and their
 * doubled or prefixed forms ("sommersommer", "minkode"). Decoration does not hide a common
 * password: "Sommer2026!" and "P@ssw0rd1234" match "sommer" and "password".
 */
const COMMON = new Set(fs.readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8').split('\n').filter(Boolean));

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** Lowercase letters and digits only. */
const alnum = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
/** The word inside the decoration: no digits or symbols at the ends, look-alike digits read as letters. */
function core(password: string): string {
  const trimmed = password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return alnum([...trimmed].map((c) => LEET[c] ?? c).join(''));
}

// Rows people type along: the alphabet, the digits, and the Danish keyboard's rows and columns.
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyzæøå', 'abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopåasdfghjklæøzxcvbnm', '1234567890qwertyuiopå', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p', 'qazwsxedcrfvtgbyhnujmikolp'];

/** One character or a short unit repeated ("aaaa…", "abcabc…", "1212…"), or a walk along a row. */
function isRepetitionOrSequence(password: string): boolean {
  // The core too ("aaaaaaaaaaa1"), when it is most of the password.
  const word = core(password);
  const mostly = word.length >= 8 && word.length * 2 >= alnum(password).length;
  return [alnum(password) || password, ...(mostly ? [word] : [])].some((text) => text.length > 0 && repeatsOrRuns(text));
}

function repeatsOrRuns(text: string): boolean {
  for (let unit = 1; unit <= 4; unit++) {
    if (text.length >= unit * 2 && text === text.slice(0, unit).repeat(Math.ceil(text.length / unit)).slice(0, text.length)) return true;
  }
  return SEQUENCES.some((row) => {
    const around = row.repeat(Math.ceil(text.length / row.length) + 1);
    const reversed = [...around].reverse().join('');
    return around.includes(text) || reversed.includes(text);
  });
}

/**
 * A common word with decoration: after any leading digits and symbols, read with look-alike
 * characters as letters, the password begins with a common word (or one typed twice) and only
 * digits and symbols follow ("@dg@ngsk0d3-2026!" is "adgangskode").
 */
function isCommon(password: string): boolean {
  const text = password.toLowerCase().replace(/^[^\p{L}@$]+/u, '');
  const read = [...text].map((c) => LEET[c] ?? c);
  if (COMMON.has(alnum(password))) return true;
  for (let cut = read.length; cut > 0; cut--) {
    if (/\p{L}/u.test(text.slice(cut))) break;
    const word = alnum(read.slice(0, cut).join(''));
    if (COMMON.has(word) || isCommonTwice(word)) return true;
  }
  return false;
}

/** A common word typed two to four times: "passwordpassword". */
function isCommonTwice(word: string): boolean {
  for (let parts = 2; parts <= 4; parts++) {
    const part = word.slice(0, word.length / parts);
    if (word.length % parts === 0 && COMMON.has(part) && part.repeat(parts) === word) return true;
  }
  return false;
}

/** The password is the user's name or e-mail with decoration: little is left once they are taken out. */
function isPersonal(password: string, user: { email: string; name?: string | null }): boolean {
  const [local = '', domain = ''] = user.email.toLowerCase().split('@');
  const names = (user.name ?? '').toLowerCase().split(/[\s.,_-]+/);
  const tokens = [alnum(user.email), alnum(local), alnum(user.name ?? ''), ...local.split(/[._+-]+/).map(alnum), ...names.map(alnum), alnum(domain.split('.')[0] ?? '')]
    .filter((t) => t.length >= 3)
    .sort((a, b) => b.length - a.length);
  const withoutTokens = (text: string) => tokens.reduce((rest, token) => rest.split(token).join(''), text);
  const letters = (text: string) => text.replace(/\p{N}/gu, '').length;
  return [core(password), alnum(password)].some((text) => {
    const rest = withoutTokens(text);
    return rest !== text && letters(rest) < 4;
  });
}

/** The first rule a new password breaks, as a message key for the field's error, or null. */
export function passwordWeakness(password: string, user: { email: string; name?: string | null }): MessageKey | null {
  if (isRepetitionOrSequence(password)) return 'field.password.sequence';
  if (isCommon(password)) return 'field.password.common';
  if (isPersonal(password, user)) return 'field.password.personal';
  return null;
}
