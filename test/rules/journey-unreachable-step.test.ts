import { describe, expect, it } from 'vitest';
import { journeyUnreachableStep } from '../../src/rules/journey-unreachable-step.js';
import { findingsOf } from './helpers.js';
import { checkGraph, plan } from './journey-fixtures.js';

const rule = 'journey-unreachable-step';

describe('journey-unreachable-step', () => {
  it('names the journey’s campaign, so that an override by campaign applies to it', async () => {
    const files = {
      ...plan(
        '  - id: onboarding',
        '    campaign: spring',
        '    entry: {segment: lessees, event: lease_end}',
        '    steps:',
        '      - send: hello',
        '        next: last',
        '      - send: reminder',
        '      - id: last',
        '        exit: true',
      ),
      'cxlint.config.yaml': 'overrides:\n  - campaigns: [spring]\n    rules: {journey-unreachable-step: error}\n',
    };
    expect((await findingsOf(rule, files)).map((finding) => finding.severity)).toEqual(['error']);
  });

  it('reports a step that a next jumps over, at the step', async () => {
    const files = plan(
      '  - id: onboarding',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - send: hello',
      '        next: last',
      '      - send: reminder', // 7
      '      - id: last',
      '        exit: true',
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 7,
        column: 9,
        severity: 'warning',
        message: 'step 2 of journey onboarding is never reached: no step or branch option leads to it',
        segments: [],
      },
    ]);
  });

  it('reports each step after an exit or a branch that nothing jumps to, and none that a branch option reaches', async () => {
    const files = plan(
      '  - id: follow-up',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - send: hello',
      '      - branch:',
      '          - when: {event: replied, within: P2D}',
      '            next: thanks',
      '          - otherwise: true',
      '            next: done',
      '      - id: orphan', // 11
      '        send: reminder',
      '      - id: thanks',
      '        send: hello',
      '      - id: done',
      '        exit: true',
      '      - id: after-exit', // 17
      '        send: reminder',
      '      - id: also-after-exit', // 19
      '        exit: true',
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.column, f.message])).toEqual([
      [11, 9, 'step orphan of journey follow-up is never reached: no step or branch option leads to it'],
      [17, 9, 'step after-exit of journey follow-up is never reached: no step or branch option leads to it'],
      [19, 9, 'step also-after-exit of journey follow-up is never reached: no step or branch option leads to it'],
    ]);
  });

  it('reports steps that only lead to each other (an unreachable loop)', async () => {
    const files = plan(
      '  - id: island',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - exit: true',
      '      - {id: a, send: hello, next: b}', // 6
      '      - {id: b, wait: P1D, next: a}', // 7
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.message])).toEqual([
      [6, 'step a of journey island is never reached: no step or branch option leads to it'],
      [7, 'step b of journey island is never reached: no step or branch option leads to it'],
    ]);
  });

  it('accepts steps reached by jumping back, by falling through and by every branch option', async () => {
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
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('walks a journey of thousands of steps without recursion', () => {
    const steps: string[] = [];
    for (let i = 0; i < 5000; i += 1) steps.push(`      - {id: s${i}, branch: [{when: {event: opened, within: P1D}, next: s${i + 2}}, {otherwise: true, next: s${i + 1}}]}`);
    steps.push('      - {id: s5000, exit: true}', '      - {id: s5001, exit: true}', '      - {id: never, exit: true}');
    const found = checkGraph(journeyUnreachableStep, plan('  - id: huge', '    entry: {segment: prospects, date: 2026-05-01}', '    steps:', ...steps));
    expect(found.map((p) => p.message)).toEqual(['step never of journey huge is never reached: no step or branch option leads to it']);
  });
});
