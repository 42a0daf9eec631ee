import type { Template } from '../model/types.js';
import { keyLocationOf } from '../model/types.js';
import type { Rule } from './rule.js';
import { placeholdersIn, textsIn, withoutPlaceholders } from './kit/content.js';

/** How a locale writes numbers, from the platform's Intl data: digits, group and decimal separators. */
interface Notation {
  /** Native digits 0–9 when they are not ASCII (Arabic, Persian, …). */
  digits?: string[];
  percent: RegExp;
  amount: RegExp;
  group: Set<string>;
  decimal: string;
}

const SPACES = [' ', '\u00a0', '\u202f', '\u2009'];
/** Between a number and its sign: spaces (no-break and thin ones too) and the invisible marks some locales add. */
const GAP = '[ \\u00a0\\u202f\\u2009\\u061c\\u200e\\u200f]*';
const PERCENT_SIGNS = '[%\\uff05\\u066a]';
/** Currency signs (Unicode Sc: € $ £ ¥ ₩ ₹ …), ISO 4217 codes, and a few symbols that are letters. */
const CURRENCY = `(?:\\p{Sc}|\\b(?:${Intl.supportedValuesOf('currency').join('|')})\\b|元|円|kr\\b|zł|Kč|Ft\\b)`;

const inClass = (chars: Iterable<string>): string => [...chars].map((char) => char.replace(/[\\\]^[-]/g, '\\$&')).join('');

const notations = new Map<string, Notation>();

/** The locale's number format; a tag the platform cannot read (`en_US` is read as `en-US`) falls back to English notation. */
function formatterFor(locale: string): Intl.NumberFormat {
  for (const tag of [locale, locale.replaceAll('_', '-')]) {
    try {
      if (Intl.NumberFormat.supportedLocalesOf(tag).length > 0) return new Intl.NumberFormat(tag);
    } catch {
      // not a BCP 47 tag: try the next spelling
    }
  }
  return new Intl.NumberFormat('en');
}

/**
 * A locale's notation: `1,234.5` in en-US, `1 234,5` in fr-FR (any space counts as its group separator),
 * `1.234,5` in de-DE, `1'234.5` in de-CH. Groups are of three digits (two in the middle for en-IN's lakh).
 */
function notationOf(locale: string): Notation {
  const known = notations.get(locale);
  if (known) return known;
  const format = formatterFor(locale);
  const parts = format.formatToParts(1234567.5);
  const groupChar = parts.find((part) => part.type === 'group')?.value ?? ',';
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  const group = new Set(SPACES.includes(groupChar) ? SPACES : groupChar === "'" || groupChar === '\u2019' ? ["'", '\u2019'] : [groupChar]);
  group.delete(decimal);
  const native = Array.from({ length: 10 }, (_, digit) => new Intl.NumberFormat(format.resolvedOptions().locale, { useGrouping: false }).format(digit));
  const percentParts = new Intl.NumberFormat(format.resolvedOptions().locale, { style: 'percent' }).formatToParts(0.1).map((part) => part.type);
  const signFirst = percentParts.indexOf('percentSign') < percentParts.indexOf('integer');
  const g = `[${inClass(group)}]`;
  const d = `[${inClass([decimal])}]`;
  // Not inside a word or another number: `0` in `10,0` (where `,` is no decimal) is no number of its own.
  const number = `(?<![\\p{L}\\p{N}${inClass(new Set([...[...group].filter((char) => !SPACES.includes(char)), decimal, '.', ',']))}])(?<!\\d${g})((?:\\d{1,3}(?:${g}\\d{2,3})*${g}\\d{3}|\\d+)(?:${d}\\d+)?)(?![\\d])`;
  const notation: Notation = {
    digits: native.join('') === '0123456789' ? undefined : native,
    // `%10` only where the locale writes the sign first (Turkish, Basque): elsewhere `%20` is a URL's space.
    percent: new RegExp(signFirst ? `${number}${GAP}${PERCENT_SIGNS}|${PERCENT_SIGNS}${GAP}${number}` : `${number}${GAP}${PERCENT_SIGNS}`, 'gu'),
    amount: new RegExp(`${CURRENCY}${GAP}${number}|${number}${GAP}${CURRENCY}`, 'gu'),
    group,
    decimal,
  };
  notations.set(locale, notation);
  return notation;
}

/** Numbers next to a sign, each value once with the first way it was written: `{10 → "10 %"}`. */
function numbersIn(text: string, pattern: RegExp, notation: Notation): Map<number, string> {
  const found = new Map<number, string>();
  const ascii = notation.digits ? text.replace(/\p{Nd}/gu, (digit) => String(notation.digits!.indexOf(digit) >= 0 ? notation.digits!.indexOf(digit) : digit)) : text;
  for (const match of ascii.matchAll(pattern)) {
    const written = match[1] ?? match[2]!;
    let plain = '';
    for (const char of written) plain += notation.group.has(char) ? '' : char === notation.decimal ? '.' : char;
    const value = Number(plain);
    if (!found.has(value)) found.set(value, text.slice(match.index, match.index + match[0].length).trim());
  }
  return found;
}

const CODE_LIKE = /\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{4,}\b/g;

/** Offer codes in a text: the template's `offer.code` as a whole word, and every code-like word (`SAVE20`: capitals and digits, 4 or more). */
function codesIn(text: string, code: string | undefined): Set<string> {
  const codes = new Set(text.match(CODE_LIKE) ?? []);
  if (code && new RegExp(`(?<![\\p{L}\\p{N}_])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u').test(text)) codes.add(code);
  return codes;
}

/** A text as a customer reads it: without links (their query strings are not offers), HTML tags, or `&nbsp;` entities. */
function readable(text: string): string {
  return text
    .replace(/\bhttps?:\/\/[^\s"'<>]*|\bwww\.[^\s"'<>]*/g, ' ')
    .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, '\u00a0');
}

/** What one locale's content says, in comparable form: each aspect maps a canonical key to how it was written. */
interface Said {
  placeholders: Map<string, string>;
  codes: Map<string, string>;
  percentages: Map<number, string>;
  amounts: Map<number, string>;
}

function said(template: Template, locale: string, content: Record<string, unknown>): Said {
  const notation = notationOf(locale);
  const result: Said = { placeholders: new Map(), codes: new Map(), percentages: new Map(), amounts: new Map() };
  for (const { text } of textsIn(content)) {
    for (const name of placeholdersIn(text)) if (!result.placeholders.has(name)) result.placeholders.set(name, `{{${name}}}`);
    const plain = readable(withoutPlaceholders(text));
    for (const code of codesIn(plain, template.offer?.code)) if (!result.codes.has(code)) result.codes.set(code, code);
    for (const [value, written] of numbersIn(plain, notation.percent, notation)) if (!result.percentages.has(value)) result.percentages.set(value, written);
    for (const [value, written] of numbersIn(plain, notation.amount, notation)) if (!result.amounts.has(value)) result.amounts.set(value, written);
  }
  return result;
}

const ASPECTS = [
  ['placeholders', 'placeholders'],
  ['codes', 'offer codes'],
  ['percentages', 'percentages'],
  ['amounts', 'amounts'],
] as const;

const sameKeys = (a: Map<unknown, string>, b: Map<unknown, string>): boolean => a.size === b.size && [...a.keys()].every((key) => b.has(key));
const listed = (values: Map<unknown, string>): string => (values.size ? [...values.values()].join(', ') : 'none');

/**
 * Locale variants of one template that say different things: each locale is compared with the first one written
 * (the reference) on its placeholders, its offer codes, and its percentages and amounts read as numbers in the
 * locale's own notation (`10 %`, `10%` and `10,0 %` agree; `1 000 €` and `€1,000` agree). One finding per locale and
 * aspect, at the locale's key in `content`.
 */
export const localeDrift: Rule = {
  id: 'locale-drift',
  category: 'content',
  defaultSeverity: 'warning',
  description: 'Locale variants of one template disagree on placeholders, offer codes or numbers.',
  fixable: false,
  check(context) {
    for (const template of context.plan.templates.values()) {
      const [first, ...others] = [...template.content];
      if (!first || others.length === 0) continue;
      const [reference, referenceContent] = first;
      const expected = said(template, reference, referenceContent);
      for (const [locale, content] of others) {
        const actual = said(template, locale, content);
        for (const [aspect, name] of ASPECTS) {
          if (sameKeys(expected[aspect], actual[aspect])) continue;
          context.report({
            message: `${template.id}: ${locale}'s ${name} (${listed(actual[aspect])}) differ from ${reference}'s (${listed(expected[aspect])})`,
            location: keyLocationOf(template.source, 'content', locale),
            ids: [template.id, locale, aspect],
            campaign: template.campaign,
          });
        }
      }
    }
  },
};
