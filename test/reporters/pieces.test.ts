import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { json } from '../../src/reporters/json.js';
import { stylish } from '../../src/reporters/stylish.js';
import type { Report } from '../../src/reporters/types.js';

function finding(index: number): Finding {
  return {
    rule: 'duplicate-message',
    severity: 'error',
    category: 'repeated',
    message: `repeat ${index}`,
    location: { file: 'plan.csv', line: index + 2, column: 1, endLine: index + 2, endColumn: 30 },
    segments: ['s'],
    related: [{ file: 'plan.csv', line: index + 1, column: 1, message: 'the earlier send' }],
    ids: [`r${index}`],
    fingerprint: `f${index}`,
    ...(index % 2 ? { at: '2026-01-01T09:00:00.000Z' } : {}),
  };
}

function report(count: number): Report {
  const findings = Array.from({ length: count }, (_, index) => finding(index));
  return { version: '0.0.0', root: '/work', findings, suppressed: [], summary: { errors: count, warnings: 0, infos: 0, suppressed: 0, files: 1, segments: 1, sends: count + 1 } };
}

describe('reporters give their text in pieces', () => {
  it('json pieces join to exactly JSON.stringify(…, null, 2) of the SPEC 9 object', () => {
    // Findings are stringified in batches of 500: the counts around a batch's end.
    for (const count of [0, 1, 3, 499, 500, 501, 1001]) {
      const text = [...json(report(count), { color: false })].join('');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect((JSON.parse(text) as { findings: unknown[] }).findings).toHaveLength(count);
    }
  });

  it('a report of 300,000 findings in one file never becomes one string or one call with 300,000 arguments', () => {
    const big = report(300_000);
    let pieces = 0;
    let length = 0;
    let longest = 0;
    for (const piece of json(big, { color: false })) {
      pieces += 1;
      length += piece.length;
      longest = Math.max(longest, piece.length);
    }
    expect(length).toBeGreaterThan(300_000 * 300);
    expect(pieces).toBeGreaterThanOrEqual(600);
    expect(longest).toBeLessThan(1 << 20);
    let stylishPieces = 0;
    for (const piece of stylish(big, { color: false })) {
      stylishPieces += 1;
      expect(piece.length).toBeLessThan(1_000);
    }
    expect(stylishPieces).toBeGreaterThan(300_000);
    const last = [...stylish(big, { color: false })].pop();
    expect(last).toBe('\n✖ 300000 problems (300000 errors, 0 warnings) in 1 file, 1 segment, 300001 sends\n');
  });
});
