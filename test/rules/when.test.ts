import { describe, expect, it } from 'vitest';
import { lintFiles } from './helpers.js';
import { lines } from './journey-fixtures.js';

/** A journey that sends one template twice, a day apart; `dated` gives the segment a date for the entry event. */
function twice(dated: boolean): Record<string, string> {
  return {
    'plan.yaml': lines(
      'segments:',
      `  - {id: members, timezone: Europe/Paris${dated ? ', events: {signup: 2026-03-02}' : ''}}`,
      'templates:',
      '  - {id: hello, channel: email, intent: newsletter}',
      'journeys:',
      '  - id: onboarding',
      '    entry: {segment: members, event: signup}',
      '    steps:',
      '      - send: hello',
      '      - wait: PT36H',
      '      - send: hello',
    ),
  };
}

describe('when a finding happens (SPEC 9: at, or after on a relative timeline)', () => {
  it('a dated run: `at` is the later send’s instant in the segment’s zone, and there is no `after`', async () => {
    const [finding] = (await lintFiles(twice(true))).filter((f) => f.rule === 'duplicate-message');
    expect(finding?.at).toBe('2026-03-03T21:00:00.000+01:00');
    expect(finding?.after).toBeUndefined();
  });

  it('a relative run: no `at` (it once was the horizon’s placeholder year 2000), but `after` the entry event', async () => {
    const [finding] = (await lintFiles(twice(false))).filter((f) => f.rule === 'duplicate-message');
    expect(finding?.message).toContain('signup+1d 12h');
    expect(finding?.at).toBeUndefined();
    expect(finding?.after).toEqual({ event: 'signup', offset: 'P1DT12H' });
  });

  it('every rule that reports a send of a relative run gives `after`, never `at`', async () => {
    const files = twice(false);
    files['plan.yaml'] += lines('      - send: hello', '        channel: sms');
    files['cxlint.config.yaml'] = lines('rules:', '  missing-message: off', '  frequency-cap: [error, {limits: [{max: 1, per: P7D}]}]', '  quiet-hours: [warning, {start: "00:00", end: "23:59", channels: [email, sms]}]');
    const findings = (await lintFiles(files)).filter((f) => f.category !== 'input');
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['duplicate-message', 'frequency-cap', 'quiet-hours']));
    for (const finding of findings) {
      expect(finding.at, finding.message).toBeUndefined();
      expect(finding.after?.event, finding.message).toBe('signup');
    }
  });
});
