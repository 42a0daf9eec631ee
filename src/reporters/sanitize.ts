// Plan text is untrusted: a template may hold terminal escape sequences, or text that a CI runner reads as a command.
// A control character is never printed: it is shown, as `<U+001B>`, so that a message about the text that holds it still
// says what is there (`unknown segment "s<U+001B>[0m"`, not `unknown segment "s"` when segment s exists). So are a word
// joiner and a byte-order mark, which print as nothing and make two ids look alike, and bidi overrides and isolates,
// which make a line read differently from what it holds ("Trojan Source"). A zero-width space is not: it is what
// neutralises `##[` and `::` below, and text made safe may be made safe again.
// eslint-disable-next-line no-control-regex
const SHOWN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

const visible = (character: string): string => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;

// Anything safeText would change: most text has none of it, and one test is cheaper than four replaces.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff]|##\[|^\s*::/;

/** Plan text made safe for a line of terminal or log output: no control characters, no line breaks, no runner commands. */
export function safeText(text: string): string {
  if (!UNSAFE_TEXT.test(text)) return text;
  return text
    .replace(/[\t\n\r\u2028\u2029]+/g, ' ')
    .replace(SHOWN, visible)
    .replace(/##\[/g, '#\u200b#[')
    // the Actions runner trims leading white space before it looks for `::`
    .replace(/^(\s*)::/, '$1:\u200b:');
}

/** A message of several lines (a usage error listing config problems) made safe line by line. */
export function safeLines(text: string): string {
  return text.split('\n').map(safeText).join('\n');
}

// JSON.stringify escapes C0 controls only: C1 controls, DEL, bidi controls and the line separators stay raw, and a
// `##[` in a string reaches a CI log that reads the report.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// Anything safeJson would change is one of these characters or a `##[`: two scans, before any replace (most text has
// none). A class alone scans faster than one with the `##[` alternative, and includes() is faster still.
const UNSAFE_JSON_CHARACTER = new RegExp(JSON_UNSAFE.source);

/**
 * Whether text is ASCII without DEL, which holds none of JSON_UNSAFE: Node counts UTF-8 bytes in C++, as many as
 * characters only when each is below U+0080, and finds a DEL as fast. 485 MB of JSON: 0.1 s, where the regular
 * expression takes 0.3–0.5 s; only text with other characters is scanned by it.
 */
const isAsciiWithoutDel = (text: string): boolean => Buffer.byteLength(text, 'utf8') === text.length && !text.includes('\u007f');

/** JSON text (from JSON.stringify) with every character a terminal or CI log would obey escaped; it parses the same. */
export function safeJson(text: string): string {
  if (!text.includes('##[') && (isAsciiWithoutDel(text) || !UNSAFE_JSON_CHARACTER.test(text))) return text;
  return text.replace(JSON_UNSAFE, (character) => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`).replace(/##\[/g, '#\\u0023[');
}
