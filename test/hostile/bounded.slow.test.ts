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

  it('a parent chain 10,000 deep where each level adds a state key, under a promotion with a state condition, is linted within 1 GB', () => {
    // state-conflict needs only service_case (what intent promotion forbids); s5000 opens a case for the half below it.
    const segments = ['segments:', '  - {id: s0, timezone: UTC, states: {service_case: closed, k0: v}}'];
    for (let index = 1; index < 10_000; index += 1) segments.push(`  - {id: s${index}, parent: s${index - 1}, states: {k${index}: v${index === 5_000 ? ', service_case: open' : ''}}}`);
    const plan = [
      ...segments,
      'templates:',
      '  - {id: t, channel: email, intent: promotion, content: {en: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: t}',
      '',
    ].join('\n');
    const run = expectHandled(hostileFolder({ 'plan.yaml': plan }), ['check'], { status: 1, maxRss: GIGABYTE }, { timeoutMs: 30_000 });
    expect(run.stdout).toMatch(/but service_case=open \(initial state of s5000\) for segments s5000, s5001, s5002 and 4997 more +state-conflict/);
    expect(run.stdout).toContain('1 problem (1 error, 0 warnings)');
  });

  describe('a parent chain 20,000 deep: no rule walks up the chain from every segment', () => {
    /** s0 ← s1 ← … ← s19999, and a segment `other` beside them. */
    const chain = (root: string): string[] => {
      const lines = ['segments:', `  - ${root}`, '  - {id: other, timezone: UTC}'];
      for (let index = 1; index < 20_000; index += 1) lines.push(`  - {id: s${index}, parent: s${index - 1}}`);
      return lines;
    };
    const lint = (files: Record<string, string>, stdout: RegExp): void => {
      const run = expectHandled(hostileFolder(files), ['check'], { status: 1, stdout, maxRss: GIGABYTE }, { timeoutMs: 30_000 });
      expect(run.stdout).toContain('1 file, 20001 segments');
    };

    it('missing-message: a journey entered on an event with no date, so on its relative timeline for every segment', () => {
      const plan = [
        ...chain('{id: s0, timezone: UTC}'),
        'templates:',
        '  - {id: t, channel: email, intent: newsletter, content: {en: {body: hi}}}',
        'journeys:',
        '  - id: j',
        '    entry: {segment: s0, event: signup}',
        '    steps:',
        '      - send: t',
        '',
      ].join('\n');
      lint({ 'plan.yaml': plan }, /sends no welcome message within P1D after signup on every path, for segments s0, s1, s10 and 19997 more +missing-message/);
    });

    it('unanswered-reply: a send to the root that asks for a reply', () => {
      const plan = [
        ...chain('{id: s0, timezone: UTC}'),
        'templates:',
        '  - {id: t, channel: email, intent: survey, expects_reply: true, content: {en: {body: hi}}}',
        'calendar:',
        '  - {date: 2026-03-01, segment: s0, template: t}',
        '',
      ].join('\n');
      lint({ 'plan.yaml': plan }, /no journey entered on replied answers segments s0, s1, s10 and 19997 more in time +unanswered-reply/);
    });

    it('overrides: options for the root (asked for every segment) and a severity for another segment (asked for every finding)', () => {
      const plan = [
        ...chain('{id: s0, timezone: UTC, consent: [email], events: {signup: 2026-03-01}}'),
        'templates:',
        '  - {id: t, channel: sms, intent: newsletter, content: {en: {body: hi}}}',
        'calendar:',
        '  - {date: 2026-03-01, segment: s0, template: t}',
        '',
      ].join('\n');
      const config = [
        'overrides:',
        '  - segments: [s0]',
        '    rules: {missing-message: [warning, {expect: [{after: signup, within: P2D, intent: welcome}]}]}',
        '  - segments: [other]',
        '    rules: {no-consent: warning}',
        '',
      ].join('\n');
      lint({ 'plan.yaml': plan, 'cxlint.config.yaml': config }, /warning +no welcome message within P2D after signup on 2026-03-01 for segments s0, s1, s10 and 19997 more +missing-message/);
    });
  });

  it('a segment with 200,000 children is linted without overflowing the call stack', () => {
    const segments = ['segments:', '  - {id: r, timezone: UTC}'];
    for (let index = 0; index < 200_000; index += 1) segments.push(`  - {id: s${String(index).padStart(6, '0')}, parent: r}`);
    const plan = [
      ...segments,
      'templates:',
      '  - {id: t, channel: email, intent: newsletter, content: {en: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: r, template: t}',
      // Waits for an event no segment has a date for: journey-dead-end lists every segment that can enter.
      'journeys:',
      '  - id: j',
      '    entry: {segment: r, event: signup}',
      '    steps:',
      '      - wait: {until: {event: case_closed}}',
      '      - send: t',
      '',
    ].join('\n');
    expect(plan.length).toBeLessThan(10 * 1024 * 1024);
    const run = expectHandled(hostileFolder({ 'plan.yaml': plan }), ['check'], { status: 1, maxRss: 2 * GIGABYTE }, { timeoutMs: 60_000 });
    expect(run.stdout).toMatch(/segments r, s000000, s000001 and 199998 more have no date for it .* +journey-dead-end/);
  });
});
