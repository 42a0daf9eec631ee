import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/findings/sha256.js';

const native = (text: string): string => createHash('sha256').update(text).digest('hex');

describe("fingerprints' SHA-256 in JavaScript (a small run's, issue 14)", () => {
  it('is node:crypto’s, for every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length += 1) expect(sha256('x'.repeat(length)), String(length)).toBe(native('x'.repeat(length)));
  });

  it('is node:crypto’s for any text, hashed as UTF-8 (lone surrogates as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: fc.constantFrom('\u0000', '|', '#', 'é', '\ud800', '\u{1f600}') })), (text) => {
        expect(sha256(text)).toBe(native(text));
      }),
      { numRuns: 500 },
    );
  });
});
