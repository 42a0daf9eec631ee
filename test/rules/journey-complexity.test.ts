import { describe, expect, it } from 'vitest';
import { journeyComplexity } from '../../src/rules/journey-complexity.js';
import { findingsOf } from './helpers.js';
import { branchy, checkGraph, lines, plan } from './journey-fixtures.js';

const rule = 'journey-complexity';

describe('journey-complexity', () => {
  it('warns when a journey has more paths than maxPaths, at the journey', async () => {
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
    const raised = { ...plan(...journey), 'cxlint.config.yaml': lines('rules:', '  journey-complexity: [warning, {maxPaths: 1000}]') };
    expect(await findingsOf(rule, raised)).toEqual([]);
    const lowered = { ...plan(...journey.slice(0, 3), ...branchy(2)), 'cxlint.config.yaml': lines('rules:', '  journey-complexity: [warning, {maxPaths: 8}]') };
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

  it('counts the paths of thousands of branches on the graph, without recursion', () => {
    const huge = checkGraph(journeyComplexity, plan('  - id: huge', '    entry: {segment: prospects, date: 2026-05-01}', '    steps:', ...branchy(3000)));
    expect(huge.map((p) => p.message)).toEqual(['journey huge is too complex to check fully: more than 256 paths lead through its branches; split it into smaller journeys']);
  });

  it('has the severity the config gives it, apart from journey-loop (it once stayed a warning whatever journey-loop was)', async () => {
    const journey = plan('  - id: branchy', '    entry: {segment: lessees, event: lease_end}', '    steps:', ...branchy(6));
    const quiet = { ...journey, 'cxlint.config.yaml': lines('rules:', '  journey-complexity: info', '  journey-loop: error') };
    expect((await findingsOf(rule, quiet)).map((f) => f.severity)).toEqual(['info']);
    const off = { ...journey, 'cxlint.config.yaml': lines('rules:', '  journey-complexity: off') };
    expect(await findingsOf(rule, off)).toEqual([]);
  });
});
