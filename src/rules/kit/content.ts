// A template's content: its texts, their placeholders, and the offer codes and numbers they state in their locale's notation.

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}/g;

/** The placeholders of a text (SPEC 4.3: `{{name}}`, `{{a.b}}`, spaces inside the braces allowed), each once, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1]!))];
}

/** A text with its placeholders removed, so that nothing inside them is read as words or numbers. */
export function withoutPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, ' ');
}

/** Every string in a value as written (a template's content for one locale: fields, nested fields, lists), with its path. */
export function textsIn(value: unknown): Array<{ path: Array<string | number>; text: string }> {
  const texts: Array<{ path: Array<string | number>; text: string }> = [];
  const stack: Array<{ path: Array<string | number>; value: unknown }> = [{ path: [], value }];
  const seen = new Set<unknown>();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value === 'string') texts.push({ path: item.path, text: item.value });
    if (typeof item.value !== 'object' || item.value === null || seen.has(item.value)) continue;
    seen.add(item.value);
    const entries: Array<[string | number, unknown]> = Array.isArray(item.value) ? item.value.map((v, i) => [i, v]) : Object.entries(item.value);
    for (const [key, child] of entries.reverse()) stack.push({ path: [...item.path, key], value: child });
  }
  return texts;
}

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

/**
 * The percentages of a text, read in the locale's notation (`10 %`, `10%` and `10,0 %` are all 10), each value once
 * with the first way it was written.
 */
export function percentagesIn(text: string, locale: string): Map<number, string> {
  const notation = notationOf(locale);
  return numbersIn(text, notation.percent, notation);
}

/** The amounts of money in a text, read in the locale's notation (`1 000 €` and `€1,000` are both 1000), as percentagesIn. */
export function amountsIn(text: string, locale: string): Map<number, string> {
  const notation = notationOf(locale);
  return numbersIn(text, notation.amount, notation);
}

const CODE_LIKE = /\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{4,}\b/g;

/** Offer codes in a text: the template's `offer.code` as a whole word, and every code-like word (`SAVE20`: capitals and digits, 4 or more). */
export function codesIn(text: string, code: string | undefined): Set<string> {
  const codes = new Set(text.match(CODE_LIKE) ?? []);
  if (code && new RegExp(`(?<![\\p{L}\\p{N}_])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u').test(text)) codes.add(code);
  return codes;
}

/** A text as a customer reads it: without links (their query strings are not offers), HTML tags, or `&nbsp;` entities. */
export function readable(text: string): string {
  return text
    .replace(/\bhttps?:\/\/[^\s"'<>]*|\bwww\.[^\s"'<>]*/g, ' ')
    .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, '\u00a0');
}
