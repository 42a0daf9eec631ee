import { describe, expect, it } from 'vitest';
import { journeyLoop } from '../../src/rules/journey-loop.js';
import { findingsOf } from './helpers.js';
import { checkGraph, lines, plan } from './journey-fixtures.js';

const rule = 'journey-loop';

/** `count` branches in a row, each on two events and otherwise: 3^count paths. */
function branchy(count: number): string[] {
  const steps: string[] = [];
  for (let i = 0; i < count; i += 1) {
    steps.push(`      - {id: b${i}, branch: [{when: {event: opened, within: P1D}, next: s${i}}, {when: {event: clicked, within: P1D}, next: s${i}}, {otherwise: true, next: s${i}}]}`);
    steps.push(`      - {id: s${i}, send: hello}`);
  }
  return steps;
}

describe('journey-loop', () => {
  it('reports a cycle on which no time passes, at its first step, naming its steps', async () => {
    const files = plan(
      '  - id: retry',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - id: remind', // 5
      '        send: reminder',
      '      - branch:',
      '          - when: {state: {lease: active}}',
      '            next: remind',
      '          - otherwise: true',
      '            next: done',
      '      - id: done',
      '        exit: true',
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 5,
        column: 9,
        severity: 'error',
        message: 'journey retry loops through steps remind and 2 with no wait: customers would go round it again and again at once',
        segments: [],
      },
    ]);
  });

  it('reports a cycle with no way out, even with a wait on it', async () => {
    const files = plan(
      '  - id: forever',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - send: hello',
      '      - id: weekly', // 6
      '        send: reminder',
      '      - wait: P7D',
      '        next: weekly',
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 6,
        column: 9,
        severity: 'error',
        message: 'journey forever loops through steps weekly and 3 with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave',
        segments: [],
      },
    ]);
  });

  it('reports a step that leads to itself both ways', async () => {
    const files = plan('  - id: spin', '    entry: {segment: lessees, event: lease_end}', '    steps:', '      - {id: again, send: hello, next: again}');
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.column, f.message])).toEqual([
      [5, 9, 'journey spin loops through step again with no wait: customers would go round it again and again at once'],
      [5, 9, 'journey spin loops through step again with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave'],
    ]);
  });

  it('accepts a reminder loop: the otherwise option resumes after the branch has waited, and opening leaves it', async () => {
    const files = plan(
      '  - id: reminders',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - id: remind',
      '        send: reminder',
      '      - branch:',
      '          - when: {event: opened, within: P3D}',
      '            next: done',
      '          - otherwise: true',
      '            next: remind',
      '      - id: done',
      '        send: hello',
      '  - id: weekly',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - id: top',
      '        send: reminder',
      '      - wait: P7D',
      '      - branch:',
      '          - when: {state: {lease: active}}',
      '            next: top',
      '          - otherwise: true',
      '            next: out',
      '      - id: out',
      '        exit: true',
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('finds the timeless cycle inside a loop that has a wait elsewhere', async () => {
    const files = plan(
      '  - id: mixed',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - id: pause',
      '        wait: P7D',
      '      - id: nudge', // 7
      '        send: reminder',
      '      - id: check',
      '        branch:',
      '          - when: {state: {lease: active}}',
      '            next: nudge',
      '          - when: {event: opened, within: P7D}',
      '            next: done',
      '          - otherwise: true',
      '            next: pause',
      '      - id: done',
      '        exit: true',
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.message])).toEqual([
      [7, 'journey mixed loops through steps nudge and check with no wait: customers would go round it again and again at once'],
    ]);
  });

  it('warns (not errs) when a journey has more paths than maxPaths, at the journey', async () => {
    const files = plan('  - id: branchy', '    entry: {segment: lessees, event: lease_end}', '    steps:', ...branchy(6));
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 2,
        column: 5,
        severity: 'warning',
        message: 'journey branchy is too complex to check fully: more than 256 paths lead through its branches; split it into smaller journeys',
        segments: [],
      },
    ]);
  });

  it('takes maxPaths from the config, for the rule and for the timeline alike', async () => {
    const journey = ['  - id: branchy', '    entry: {segment: lessees, event: lease_end}', '    steps:', ...branchy(6)];
    const raised = { ...plan(...journey), 'cxlint.config.yaml': lines('rules:', '  journey-loop: [error, {maxPaths: 1000}]') };
    expect(await findingsOf(rule, raised)).toEqual([]);
    const lowered = { ...plan(...journey.slice(0, 3), ...branchy(2)), 'cxlint.config.yaml': lines('rules:', '  journey-loop: [error, {maxPaths: 8}]') };
    expect((await findingsOf(rule, lowered)).map((f) => f.message)).toEqual([
      'journey branchy is too complex to check fully: more than 8 paths lead through its branches; split it into smaller journeys',
    ]);
  });

  it('counts a branch on states as one path: a customer takes the first option that holds', async () => {
    const steps: string[] = [];
    for (let i = 0; i < 12; i += 1) steps.push(`      - {id: b${i}, branch: [{when: {state: {lease: active}}, next: s${i}}, {when: {state: {lease: ended}}, next: s${i}}, {otherwise: true, next: s${i}}]}`, `      - {id: s${i}, send: hello}`);
    expect(await findingsOf(rule, plan('  - id: states', '    entry: {segment: lessees, event: lease_end}', '    steps:', ...steps))).toEqual([]);
  });

  it('warns when a loop multiplies paths until the timeline stops enumerating them', async () => {
    const files = plan(
      '  - id: doubling',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - id: pause',
      '        wait: P1D',
      '      - branch:',
      '          - when: {event: opened, within: P1D}',
      '            next: pause',
      '          - when: {event: clicked, within: P1D}',
      '            next: pause',
      '          - otherwise: true',
      '            next: done',
      '      - id: done',
      '        send: hello',
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.severity, f.message])).toEqual([
      [2, 'warning', 'journey doubling is too complex to check fully: cxlint stopped after 256 of its paths (its loops and branches repeat until the horizon); split it into smaller journeys'],
    ]);
  });

  it('names at most five steps of a long cycle', async () => {
    const steps = Array.from({ length: 8 }, (_, i) => `      - {send: hello${i === 7 ? ', next: first' : ''}${i === 0 ? ', id: first' : ''}}`);
    expect((await findingsOf(rule, plan('  - id: ring', '    entry: {segment: lessees, event: lease_end}', '    steps:', ...steps))).map((f) => f.message)).toEqual([
      'journey ring loops through steps first, 2, 3, 4, 5 and 3 more with no wait: customers would go round it again and again at once',
      'journey ring loops through steps first, 2, 3, 4, 5 and 3 more with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave',
    ]);
  });

  it('counts the paths of thousands of branches on the graph, fast and without recursion', () => {
    const started = Date.now();
    const huge = checkGraph(journeyLoop, plan('  - id: huge', '    entry: {segment: prospects, date: 2026-05-01}', '    steps:', ...branchy(3000)));
    expect(huge.map((p) => [p.message, p.severity])).toEqual([
      ['journey huge is too complex to check fully: more than 256 paths lead through its branches; split it into smaller journeys', 'warning'],
    ]);
    const ring = Array.from({ length: 5000 }, (_, i) => `      - {id: r${i}, wait: P1D${i === 4999 ? ', next: r0' : ''}}`);
    const loop = checkGraph(journeyLoop, plan('  - id: ring', '    entry: {segment: prospects, date: 2026-05-01}', '    steps:', ...ring));
    expect(loop.map((p) => p.message)).toEqual([
      'journey ring loops through steps r0, r1, r2, r3, r4 and 4995 more with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave',
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
