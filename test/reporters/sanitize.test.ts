import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeJson, safeText } from '../../src/reporters/sanitize.js';

// What a terminal or a CI log would obey in a JSON report: DEL, C1 controls, bidi controls, line separators, `##[`.
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]|##\[/;

describe('safeJson', () => {
  it.each([
    ['plain ASCII', '{"message": "ping on 2026-01-01"}', '{"message": "ping on 2026-01-01"}'],
    ['a DEL in ASCII text', '{"message": "a\u007fb"}', '{"message": "a\\u007fb"}'],
    ['a C1 control', '{"message": "a\u0085b"}', '{"message": "a\\u0085b"}'],
    ['a bidi override beside other text', '{"message": "é \u202eabc"}', '{"message": "é \\u202eabc"}'],
    ['a line separator', '{"message": "a\u2028b"}', '{"message": "a\\u2028b"}'],
    ['a runner command', '{"message": "##[error]x"}', '{"message": "#\\u0023[error]x"}'],
    ['other characters, left as they are', '{"message": "Grüße 中文 🎉"}', '{"message": "Grüße 中文 🎉"}'],
  ])('%s', (_, text, safe) => {
    expect(safeJson(text)).toBe(safe);
  });

  it('keeps what the JSON says, and nothing a log would obey', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const safe = safeJson(JSON.stringify({ value }));
        expect(JSON.parse(safe)).toEqual({ value });
        expect(safe).not.toMatch(OBEYED);
      }),
      { numRuns: 2000 },
    );
  });
});

// What a terminal or a CI log would obey on a line of text output, or what would hide part of it.
// eslint-disable-next-line no-control-regex
const OBEYED_IN_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff]|##\[|^\s*::/;

describe('safeText', () => {
  it.each([
    ['plain text, left as it is', 'Grüße 中文 🎉 ok', 'Grüße 中文 🎉 ok'],
    ['an escape sequence: shown, so that a message still says what the text holds', 's\u001b[0m', 's<U+001B>[0m'],
    ['C0 and C1 controls', 'a\u0000b\u0007c\u0085d\u009b', 'a<U+0000>b<U+0007>c<U+0085>d<U+009B>'],
    ['characters that print as nothing: a word joiner, a byte-order mark', 't\u2060\ufeff', 't<U+2060><U+FEFF>'],
    ['a bidi override', 'abc\u202edef', 'abc<U+202E>def'],
    ['line breaks of any system, and tabs: one space each run', 'a\r\nb\rc\nd\te\u2028f', 'a b c d e f'],
    ['a runner command', '##[error]x', '#\u200b#[error]x'],
    ['a workflow command after spaces', '  ::error::x', '  :\u200b:error::x'],
  ])('%s', (_, text, safe) => {
    expect(safeText(text)).toBe(safe);
  });

  it('leaves nothing a terminal or log would obey, and is the same made safe twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const safe = safeText(value);
        expect(safe).not.toMatch(OBEYED_IN_TEXT);
        expect(safeText(safe)).toBe(safe);
      }),
      { numRuns: 2000 },
    );
  });
});
