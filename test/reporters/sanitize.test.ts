import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeJson } from '../../src/reporters/sanitize.js';

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
