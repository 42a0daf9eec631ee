import { afterAll, describe, expect, it } from 'vitest';
import { GIGABYTE, PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

describe('hostile (slow): bounded work on large inputs', () => {
  it('30,000 rows naming unknown templates, against 3,000 templates, are reported within a bounded time', () => {
    const templates = ['templates:'];
    for (let index = 0; index < 3_000; index += 1) templates.push(`  - {id: spring-offer-${String(index).padStart(5, '0')}, channel: email, intent: newsletter, content: {en: {body: hi}}}`);
    const rows = ['date,segment,template'];
    // Distinct names, each one edit from a known template: every one would get a suggestion if there were no budget.
    for (let index = 0; index < 30_000; index += 1) rows.push(`2026-03-01,m,spring-offer-${String(index).padStart(5, '0')}x`);
    // 30,000 sends to one segment on one day would also be 30,000 frequency-cap findings, each listing the others.
    const config = 'rules:\n  frequency-cap: off\n';
    const root = hostileFolder({ 'cxlint.config.yaml': config, 'plan.yaml': PLAN, 'templates.yaml': `${templates.join('\n')}\n`, 'sends.csv': `${rows.join('\n')}\n` });
    // The first names asked about get their suggestion; past the budget, the rest are reported without one.
    const run = expectHandled(root, ['check'], { status: 1, stdout: /unknown template "spring-offer-00000x"; did you mean "spring-offer-00000"\?/ }, { timeoutMs: 20_000 });
    expect(run.stdout).toMatch(/unknown template "spring-offer-29999x" +unknown-reference/);
    expect(run.stdout).toContain('30000 problems (30000 errors, 0 warnings)');
  });

  it('a parent chain 10,000 deep where each level adds a state key is linted within 2 GB', () => {
    const segments = ['segments:', '  - {id: s0, timezone: UTC, states: {k0: v}}'];
    for (let index = 1; index < 10_000; index += 1) segments.push(`  - {id: s${index}, parent: s${index - 1}, states: {k${index}: v}}`);
    const plan = [
      ...segments,
      'templates:',
      '  - {id: t, channel: email, intent: newsletter, content: {en: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: t}',
      '',
    ].join('\n');
    expectHandled(hostileFolder({ 'plan.yaml': plan }), ['check'], { status: 0, maxRss: 2 * GIGABYTE }, { timeoutMs: 60_000 });
  });
});
