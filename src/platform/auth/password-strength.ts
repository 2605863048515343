import { type TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** What the estimator is told about the product, so "liveshopping2024" counts as guessable. */
export const PRODUCT_WORDS = ['Live Shopping Network', 'live', 'shopping', 'network', 'lsn', 'liveshopping'];

/** zxcvbn's score 0-4; 3 means "safely unguessable: moderate protection from an offline attack". */
const MIN_SCORE = 3;

/**
 * zxcvbn's feedback as the second half of one sentence ("This password is too easy to guess: <warning>.
 * <suggestion>"), so a refusal reads as a sentence that says what to do.
 */
const translations: TranslationKeys = {
  warnings: {
    straightRow: 'it is a straight row of keys',
    keyPattern: 'it is a short keyboard pattern',
    simpleRepeat: 'it repeats the same character',
    extendedRepeat: 'it repeats a short pattern',
    sequences: 'it is a common sequence like "abc" or "123"',
    recentYears: 'it contains a recent year',
    dates: 'it contains a date',
    topTen: 'it is one of the most common passwords',
    topHundred: 'it is a common password',
    common: 'it is a common password',
    similarToCommon: 'it is close to a common password',
    wordByItself: 'it is a single word',
    namesByThemselves: 'it is a single name',
    commonNames: 'it is a common name',
    userInputs: 'it contains your email address, your name or the name of this site',
    pwned: 'it has appeared in a data breach',
  },
  suggestions: {
    l33t: "Swapping letters for look-alikes (like '@' for 'a') does not help.",
    reverseWords: 'Spelling a word backwards does not help.',
    allUppercase: 'Capitals throughout do not help.',
    capitalization: 'A capital first letter does not help.',
    dates: 'Leave out dates and years that mean something to you.',
    recentYears: 'Leave out recent years.',
    associatedYears: 'Leave out years that mean something to you.',
    sequences: 'Leave out common sequences.',
    repeated: 'Leave out repeated words and characters.',
    longerKeyboardPattern: 'Use a longer pattern that changes direction, or some words.',
    anotherWord: 'Add another word or two.',
    useWords: 'Use a few words together, but not a common phrase.',
    noNeed: 'You do not need symbols, numbers or capitals: a few unrelated words work well.',
    pwned: 'If you use it anywhere else, change it there too.',
  },
  timeEstimation: en.translations.timeEstimation,
};

let estimator: ZxcvbnFactory | undefined;

/**
 * The estimator with its dictionaries, built once on first use (about 0.25 s, several MB). Only the
 * first 64 characters are examined and l33t substitutions are capped: crafted long inputs otherwise cost
 * seconds of CPU on the request thread (measured: 2.3 s for one 200-character string), and a password
 * whose first 64 characters are strong is strong.
 */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    maxLength: 64,
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

/** The person's own details as the estimator's user inputs: the email, its parts, the name and its words. */
function userInputsOf(about: { email?: string; displayName?: string }): string[] {
  const inputs = [...PRODUCT_WORDS];
  if (about.email) {
    const email = about.email.toLowerCase();
    const [local = '', domain = ''] = email.split('@');
    const words = local.split(/[^a-z0-9]+/);
    inputs.push(email, local, words.join(''), ...words, domain, domain.split('.')[0] ?? '');
  }
  if (about.displayName) {
    const words = about.displayName.toLowerCase().split(/\s+/);
    inputs.push(about.displayName, words.join(''), ...words);
  }
  return inputs.filter((s) => s.length >= 3);
}

/**
 * Why this password is too easy to guess, as a sentence for the person; null when it is strong enough.
 * Built on zxcvbn-ts (dictionaries of common passwords, English words and names, keyboard patterns,
 * dates, repeats), told about the person and the product.
 */
export function weakPasswordReason(
  password: string,
  about: { email?: string; displayName?: string } = {},
): string | null {
  const result = zxcvbn().check(password, userInputsOf(about));
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning;
  const suggestion = result.feedback.suggestions[0] ?? translations.suggestions.anotherWord;
  return warning
    ? `This password is too easy to guess: ${warning}. ${suggestion}`
    : `This password is too easy to guess. ${suggestion}`;
}
