import { describe, expect, it } from 'vitest';
import { cxlint, REPO } from './run.js';

const rulesOf = (stdout: string): string[] => (JSON.parse(stdout) as { findings: Array<{ rule: string }> }).findings.map((finding) => finding.rule).sort();

describe('check --from / --to', () => {
  it('limits the findings to sends within the horizon', () => {
    const all = cxlint(['check', 'examples/lease-end', '-f', 'json'], { cwd: REPO });
    expect(rulesOf(all.stdout)).toEqual(['conflicting-facts', 'state-conflict', 'state-conflict', 'unanswered-reply']);
    // Up to 1 July: the upgrade offer (5 July) and the service reminder (10 July) fall outside.
    const early = cxlint(['check', 'examples/lease-end', '-f', 'json', '--to', '2026-07-01'], { cwd: REPO });
    expect(rulesOf(early.stdout)).toEqual(['conflicting-facts', 'unanswered-reply']);
    expect(early.status).toBe(1);
  });

  it('is a usage error (exit 2) when a date is not a date', () => {
    const run = cxlint(['check', 'examples/lease-end', '--from', '2026-02-30'], { cwd: REPO });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cxlint: --from: "2026-02-30" is not a real date (day 30 does not exist in that month)\n');
  });

  it('is a usage error (exit 2) when --from is later than --to', () => {
    const run = cxlint(['check', 'examples/lease-end', '--from', '2026-08-01', '--to', '2026-07-01'], { cwd: REPO });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cxlint: --from 2026-08-01 is after --to 2026-07-01: the horizon would be empty\n');
  });
});
