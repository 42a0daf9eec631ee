import { describe, expect, it } from 'vitest';
import { journeyLoop } from '../../src/rules/journey-loop.js';
import { findingsOf } from './helpers.js';
import { branchy, checkGraph, plan } from './journey-fixtures.js';

const rule = 'journey-loop';

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

  it('reports a loop with no wait and no way out once, naming both defects', async () => {
    const files = plan('  - id: spin', '    entry: {segment: lessees, event: lease_end}', '    steps:', '      - {id: again, send: hello, next: again}');
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.column, f.message])).toEqual([
      [5, 9, 'journey spin loops through step again with no wait and no way out: customers would go round it again and again at once, and never leave'],
    ]);
  });

  it('reports a loop with no way out once, naming the loop with no wait inside it', async () => {
    const files = plan(
      '  - id: trap',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - id: pause', // 5
      '        wait: P7D',
      '      - id: nudge',
      '        send: reminder',
      '      - id: check',
      '        branch:',
      '          - when: {state: {lease: active}}',
      '            next: nudge',
      '          - otherwise: true',
      '            next: pause',
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.column, f.message])).toEqual([
      [5, 9, 'journey trap loops through steps pause, nudge and check with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave; inside it, steps nudge and check loop with no wait: customers would go round it again and again at once'],
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

  it('names at most five steps of a long cycle', async () => {
    const steps = Array.from({ length: 8 }, (_, i) => `      - {send: hello${i === 7 ? ', next: first' : ''}${i === 0 ? ', id: first' : ''}}`);
    expect((await findingsOf(rule, plan('  - id: ring', '    entry: {segment: lessees, event: lease_end}', '    steps:', ...steps))).map((f) => f.message)).toEqual([
      'journey ring loops through steps first, 2, 3, 4, 5 and 3 more with no wait and no way out: customers would go round it again and again at once, and never leave',
    ]);
  });

  it('finds the cycles of a journey of thousands of steps without recursion', () => {
    const ring = Array.from({ length: 5000 }, (_, i) => `      - {id: r${i}, wait: P1D${i === 4999 ? ', next: r0' : ''}}`);
    const loop = checkGraph(journeyLoop, plan('  - id: ring', '    entry: {segment: prospects, date: 2026-05-01}', '    steps:', ...ring));
    expect(loop.map((p) => p.message)).toEqual([
      'journey ring loops through steps r0, r1, r2, r3, r4 and 4995 more with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave',
    ]);
  });

  it('has no complexity finding of its own: that is journey-complexity', async () => {
    expect(await findingsOf(rule, plan('  - id: branchy', '    entry: {segment: lessees, event: lease_end}', '    steps:', ...branchy(6)))).toEqual([]);
  });
});
