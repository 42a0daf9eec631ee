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

let digits: ReadonlyMap<string, string> | undefined;

/**
 * Every decimal digit the platform knows (`Intl`'s numbering systems: Arabic-Indic ٠–٩, Devanagari ०–९, full-width ０–９, …)
 * with its value, so that a text in any script is read with ASCII digits. Only characters that Unicode calls digits
 * (`\p{Nd}`): hanidec's 〇一二… are words too. Learnt on the first digit that is not ASCII (about 10 ms, a tenth of a
 * small check's time), from one number per system.
 */
function digitValues(): ReadonlyMap<string, string> {
  if (digits) return digits;
  const values = new Map<string, string>();
  for (const system of Intl.supportedValuesOf('numberingSystem')) {
    const written = [...new Intl.NumberFormat('en', { numberingSystem: system, useGrouping: false }).format(1234567890)];
    // An algorithmic system (Roman numerals, Chinese words) writes no ten digits one for one.
    if (written.length !== 10) continue;
    for (const [position, char] of written.entries()) if (/^\p{Nd}$/u.test(char)) values.set(char, String((position + 1) % 10));
  }
  digits = values;
  return values;
}

/** A decimal digit of any script. */
const DIGIT = /\p{Nd}/u;

/** The Arabic percent sign, which NFKC leaves alone (it maps the full-width and small ones to `%`). */
const ARABIC_PERCENT = '\u066a';

/**
 * A text as numbers are read in it, whatever its script: digits as ASCII digits, full-width forms and other compatibility
 * characters as their plain ones (NFKC: `１５％` is `15%`, a no-break space a space), percent signs as `%`. `origin[i]` is
 * where the i-th character of `plain` comes from in `text` (with one more for its end), so that a number can be shown as
 * it was written. Offer values (conflicting-offers) and the numbers of a template's texts (locale-drift) are read alike.
 */
export function plainText(text: string): { plain: string; origin: number[] } {
  let plain = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const normal = char.normalize('NFKC');
    // NFKC turns the compatibility digits (full-width, mathematical) into ASCII ones, which are their own values: only a
    // digit of another script (Arabic-Indic, Devanagari) needs the table.
    const digit = normal > '\u007f' && DIGIT.test(normal) ? digitValues() : undefined;
    const read = digit?.get(char) ?? digit?.get(normal) ?? (normal === ARABIC_PERCENT ? '%' : normal);
    plain += read;
    for (let i = 0; i < read.length; i++) origin.push(index);
    index += char.length;
  }
  origin.push(index);
  return { plain, origin };
}

/** How a locale writes numbers, from the platform's Intl data: its group and decimal separators. */
interface Notation {
  percent: RegExp;
  amount: RegExp;
  group: Set<string>;
  decimal: string;
}

/** Between a number and its sign: spaces and the invisible marks some locales add. */
const GAP = '[ \\u061c\\u200e\\u200f]*';
/**
 * What may not stand right before a number: a letter of a script that separates words with spaces (`SPRING20` holds no
 * number of its own); in Chinese, Japanese, Korean and Thai a number is glued to the words around it (`立减15%`).
 */
const WORD_BEFORE = '[^\\P{L}\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}]';
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
 * `1.234,5` in de-DE, `1'234.5` in de-CH, `١٬٢٣٤٫٥` in ar-EG. Groups are of three digits (two in the middle for en-IN's lakh).
 */
function notationOf(locale: string): Notation {
  const known = notations.get(locale);
  if (known) return known;
  const format = formatterFor(locale);
  const parts = format.formatToParts(1234567.5);
  const groupChar = plainText(parts.find((part) => part.type === 'group')?.value ?? ',').plain;
  const decimal = plainText(parts.find((part) => part.type === 'decimal')?.value ?? '.').plain;
  // plainText makes every kind of space (fr-FR's narrow no-break one too) a plain one.
  const group = new Set(groupChar === "'" || groupChar === '\u2019' ? ["'", '\u2019'] : [groupChar]);
  group.delete(decimal);
  const percentParts = new Intl.NumberFormat(format.resolvedOptions().locale, { style: 'percent' }).formatToParts(0.1).map((part) => part.type);
  const signFirst = percentParts.indexOf('percentSign') < percentParts.indexOf('integer');
  const g = `[${inClass(group)}]`;
  const d = `[${inClass([decimal])}]`;
  // Not inside a word or another number: `0` in `10,0` (where `,` is no decimal) is no number of its own.
  const number = `(?<!${WORD_BEFORE})(?<![\\p{N}${inClass(new Set([...[...group].filter((char) => char !== ' '), decimal, '.', ',']))}])(?<!\\d${g})((?:\\d{1,3}(?:${g}\\d{2,3})*${g}\\d{3}|\\d+)(?:${d}\\d+)?)(?![\\d])`;
  const notation: Notation = {
    // `%10` only where the locale writes the sign first (Turkish, Basque): elsewhere `%20` is a URL's space.
    percent: new RegExp(signFirst ? `${number}${GAP}%|%${GAP}${number}` : `${number}${GAP}%`, 'gu'),
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
  const { plain, origin } = plainText(text);
  for (const match of plain.matchAll(pattern)) {
    const written = match[1] ?? match[2]!;
    let digits = '';
    for (const char of written) digits += notation.group.has(char) ? '' : char === notation.decimal ? '.' : char;
    const value = Number(digits);
    if (!found.has(value)) found.set(value, text.slice(origin[match.index]!, origin[match.index + match[0].length]!).trim());
  }
  return found;
}

/** The digits Chinese and Japanese write as words, by value. */
const HAN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/**
 * Discounts written without a percent sign: Chinese `折` gives the share of the price paid, in tenths (`八折`, `8折`:
 * 20 % off; `八五折`, `8.5折`, `85折`: 15 % off); Japanese `割` gives the share taken off (`2割引`, `二割引き`: 20 % off).
 */
// `折` not followed by `叠` (`三折叠`, folding in three, is no discount).
const DISCOUNT_SOURCE = '(?:(\\d(?:\\.\\d)?|\\d\\d)|([一二三四五六七八九])([一二三四五六七八九])?)(折(?!叠)|割)';
const DISCOUNT = new RegExp(`(?<![\\d.一二三四五六七八九])${DISCOUNT_SOURCE}`, 'gu');
/** A whole text that is one such discount (an offer's value): `八折`, `2割引`, `二割引き`. */
const WHOLE_DISCOUNT = new RegExp(`^${DISCOUNT_SOURCE}(?:引き?)?$`, 'u');

/** The percentage off that a `折` or `割` discount stands for: `八五折` is 15. */
function discountPercent([, digits, tens, ones, sign]: RegExpMatchArray): number | undefined {
  const value = digits !== undefined ? Number(digits) : HAN_DIGITS[tens!]! + (ones === undefined ? 0 : HAN_DIGITS[ones]! / 10);
  if (sign === '割') return Number.isInteger(value) && value < 10 ? value * 10 : undefined;
  // `85折` is 8.5 tenths of the price, as `八五折` is.
  const paid = digits !== undefined && /^\d\d$/.test(digits) ? value / 10 : value;
  return paid > 0 && paid < 10 ? Math.round((100 - paid * 10) * 10) / 10 : undefined;
}

/** The percentage off a text says when the whole of it is one `折` or `割` discount (`八五折` is 15), else undefined. */
export function discountOf(text: string): number | undefined {
  const match = WHOLE_DISCOUNT.exec(plainText(text).plain.replace(/\s+/gu, ''));
  return match ? discountPercent(match) : undefined;
}

/**
 * The percentages of a text, read in the locale's notation (`10 %`, `10%`, `10,0 %`, `立减10%`, `１０％` and `١٠٪` are
 * all 10), and the discounts Chinese and Japanese write without a sign (`八折` and `2割引` are 20: what a `20% off`
 * says), each value once with the first way it was written.
 */
export function percentagesIn(text: string, locale: string): Map<number, string> {
  const notation = notationOf(locale);
  const found = numbersIn(text, notation.percent, notation);
  if (!/[折割]/u.test(text)) return found;
  const { plain, origin } = plainText(text);
  for (const match of plain.matchAll(DISCOUNT)) {
    const value = discountPercent(match);
    if (value !== undefined && !found.has(value)) found.set(value, text.slice(origin[match.index!]!, origin[match.index! + match[0].length]!));
  }
  return found;
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
