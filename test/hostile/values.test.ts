import { afterAll, describe, expect, it } from 'vitest';
import { PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The plan with one calendar row of template `t` to segment `m`. */
const row = (fields: string): Record<string, string> => ({ 'plan.yaml': `${PLAN}calendar:\n  - {segment: m, template: t, ${fields}}\n` });

/** The plan with a journey for `m`: send `t`, the given step, send `t` again. */
const journey = (step: string): Record<string, string> => ({
  'plan.yaml': `${PLAN}journeys:\n  - id: j\n    entry: {segment: m, date: 2026-01-05}\n    steps:\n      - send: t\n      - ${step}\n      - id: again\n        send: t\n`,
});

describe('hostile: broken values are findings, never guesses (issue 8)', () => {
  describe('11. recurrence rules', () => {
    it.each([
      ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY "XX" is not a weekday (MO, TU, WE, TH, FR, SA, SU, with an optional ordinal such as 1MO or -1FR)'],
      ['FREQ=WEEKLY;COUNT=-1', 'COUNT "-1" must be a whole number, 1 or more'],
      ['FREQ=WEEKLY;UNTIL=20261345T000000Z', 'UNTIL "20261345T000000Z" is not a real date'],
      ['FREQ=MONTHLY;BYDAY=+9MO', 'BYDAY "+9MO": a month has at most 5 of each weekday'],
      ['FREQ=SECONDLY', 'FREQ "SECONDLY" repeats more often than hourly'],
      ['FREQ=DAILY;INTERVAL=x', 'INTERVAL "x" must be a whole number, 1 or more'],
    ])('%s is an invalid-input error at the cell', (rule, message) => {
      const run = expectHandled(hostileFolder(row(`date: 2026-01-05, repeat: "${rule}"`)), ['check', '--no-color'], { status: 1 });
      // The row is line 6 of plan.yaml; its repeat value starts at column 57.
      expect(run.stdout).toMatch(new RegExp(`6:57 +error +${escaped(`repeat "${rule}": ${message}`)}.* invalid-input`));
    });

    it('an hourly rule over a horizon of a century stops at 10,000 occurrences, and says so', () => {
      const run = expectHandled(hostileFolder(row('date: 2026-01-05, repeat: "FREQ=HOURLY"')), ['check', '--no-color', '--to', '2126-01-05', '--rule', 'duplicate-message:off', '--rule', 'frequency-cap:off'], {
        status: 0,
        stdout: /6:57 +warning +repeat "FREQ=HOURLY" has more than 10,000 occurrences up to the end of the horizon: only the first 10,000 \(to 2027-02-26 00:00 UTC\) are checked/,
      });
      expect(run.stdout).toMatch(/1 problem \(0 errors, 1 warning\)/);
    });
  });

  describe('12. negative durations', () => {
    it('wait: -P7D is a finding, and the send after it is no false duplicate-message', () => {
      const run = expectHandled(hostileFolder(journey('wait: -P7D')), ['check', '--no-color'], { status: 1, stdout: /"-P7D" is negative: a wait must be zero or longer/ });
      expect(run.stdout).not.toMatch(/duplicate-message/);
    });

    it('within: -P2D is a finding, and no false duplicate-message', () => {
      const branch = 'branch:\n          - {when: {event: replied, within: -P2D}, next: again}\n          - {otherwise: true, next: again}';
      const run = expectHandled(hostileFolder(journey(branch)), ['check', '--no-color'], { status: 1, stdout: /"-P2D" is negative: within/ });
      expect(run.stdout).not.toMatch(/duplicate-message/);
    });

    it('a negative horizonPadding is a config error with its position', () => {
      const files = { ...row('date: 2026-01-05, repeat: weekly'), 'cxlint.config.yaml': 'horizonPadding: -P10D\n' };
      expectHandled(hostileFolder(files), ['check'], { status: 2, stderr: /cxlint\.config\.yaml:1:17: horizonPadding "-P10D" is negative: the padding must be zero or longer, such as P10D/ });
    });
  });

  describe('13. durations past any calendar', () => {
    it('wait: P100000000D is a finding, and no false duplicate-message', () => {
      const run = expectHandled(hostileFolder(journey('wait: P100000000D')), ['check', '--no-color'], { status: 1, stdout: /"P100000000D" is longer than 100 years/ });
      expect(run.stdout).not.toMatch(/duplicate-message/);
    });

    it('horizonPadding: P100000000D with a recurring send is a config error with its position, not an internal error', () => {
      const files = { ...row('date: 2026-01-05, repeat: weekly'), 'cxlint.config.yaml': 'timezone: UTC\nhorizonPadding: P100000000D\n' };
      expectHandled(hostileFolder(files), ['check'], { status: 2, stderr: /cxlint\.config\.yaml:2:17: horizonPadding "P100000000D" is longer than 100 years/ });
    });

    it('a rule option of a century and more is a config error at the option', () => {
      const files = { ...row('date: 2026-01-05'), 'cxlint.config.yaml': 'rules:\n  duplicate-message: [error, {window: P100000000D}]\n' };
      expectHandled(hostileFolder(files), ['check'], { status: 2, stderr: /cxlint\.config\.yaml:2:39: duplicate-message option window "P100000000D" is longer than 100 years/ });
    });

    it('a send on the last day of 9999, repeating, ends with the calendar', () => {
      expectHandled(hostileFolder(row('date: 9999-12-31, repeat: daily')), ['check'], { status: 0 });
    });
  });

  describe('14. years before 1900', () => {
    it('a weekly send from 0050-01-04 is a finding, not a timeline in 1950', () => {
      expectHandled(hostileFolder(row('date: 0050-01-04, repeat: weekly')), ['check', '--no-color'], { status: 1, stdout: /"0050-01-04" is out of range: cxlint reads years 1900 to 9999/ });
    });

    it('--from 0050-01-01 is a usage error', () => {
      expectHandled(hostileFolder(row('date: 2026-01-05')), ['check', '--from', '0050-01-01'], { status: 2, stderr: /--from: "0050-01-01" is out of range: cxlint reads years 1900 to 9999/ });
    });
  });
});
