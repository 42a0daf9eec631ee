import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { FORMAT_NAMES, PRINTS_FINGERPRINTS, REPORTERS } from '../../src/reporters/index.js';
import type { FormatName } from '../../src/reporters/index.js';
import type { Report } from '../../src/reporters/types.js';

const linted = lintTexts(
  {
    'plan.yaml': [
      'segments: [{id: vip, timezone: Europe/Paris}]',
      'templates: [{id: hello, channel: email, intent: promotion}]',
      'calendar:',
      '  - {date: 2026-07-05T09:00, segment: vip, template: hello}',
      '  - {date: 2026-07-05T09:00, segment: vip, template: hello}',
      '  - {date: 2026-07-05T09:00, segment: vip, template: hello}',
    ].join('\n'),
  },
  { view: true },
);

/** The plan's report, its findings (kept and suppressed) all with the fingerprint given: the HTML page's too. */
function report(fingerprint: string): Report {
  const [suppressed, ...findings] = linted.findings.map((finding) => ({ ...finding, fingerprint }));
  return {
    version: '0.0.0',
    root: '/work',
    findings,
    suppressed: [{ finding: suppressed!, kind: 'external', justification: 'recorded in the suppressions file' }],
    summary: { ...linted.summary, errors: findings.length, warnings: 0, infos: 0, suppressed: 1 },
    picture: { view: linted.view!, time: '2026-01-01T00:00:00.000Z', checked: true },
  };
}

describe('the formats that print fingerprints', () => {
  // `check` asks the engine for fingerprints only for these formats (or a suppressions file): a format missing from
  // the list would print empty ones.
  it('are exactly those whose text changes with the fingerprints', () => {
    expect(linted.findings.length).toBeGreaterThanOrEqual(2);
    const text = (format: FormatName, fingerprint: string) => [...REPORTERS[format](report(fingerprint), { color: false })].join('');
    const printing = FORMAT_NAMES.filter((format) => text(format, '0123456789abcdef0123456789abcdef') !== text(format, 'fedcba9876543210fedcba9876543210'));
    expect(new Set(printing)).toEqual(PRINTS_FINGERPRINTS);
  });
});
