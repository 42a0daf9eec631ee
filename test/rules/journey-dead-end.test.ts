import { describe, expect, it } from 'vitest';
import { findingsOf, lintFiles } from './helpers.js';
import { plan } from './journey-fixtures.js';

const rule = 'journey-dead-end';

describe('journey-dead-end', () => {
  it('reports a branch with no otherwise, at the branch step', async () => {
    const files = plan(
      '  - id: follow-up', // 2
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - send: hello', // 5
      '      - id: asked', // 6
      '        branch:',
      '          - when: {event: replied, within: P2D}',
      '            next: thanks',
      '          - when: {event: opened, within: P2D}',
      '            next: thanks',
      '      - id: thanks',
      '        send: reminder',
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 6,
        column: 9,
        severity: 'error',
        message: 'the branch at step asked of journey follow-up has no otherwise: customers for whom none of its options holds are stuck there',
        segments: [],
      },
    ]);
  });

  it('names a step without an id by its number', async () => {
    const files = plan(
      '  - id: follow-up',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - send: hello',
      '      - branch:', // 6
      '          - when: {state: {lease: ended}}',
      '            next: thanks',
      '      - id: thanks',
      '        send: reminder',
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.column, f.message])).toEqual([
      [6, 9, 'the branch at step 2 of journey follow-up has no otherwise: customers for whom none of its options holds are stuck there'],
    ]);
  });

  it('accepts a branch with an otherwise option', async () => {
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
      '      - id: thanks',
      '        send: reminder',
      '      - id: done',
      '        exit: true',
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reports a wait until an event no segment that can enter has a date for, listing those segments', async () => {
    const files = plan(
      '  - id: after-purchase',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - send: hello',
      '      - wait: {until: {event: purchased, offset: P1D}}', // 6
      '      - send: reminder',
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 6,
        column: 9,
        severity: 'error',
        message: 'step 2 of journey after-purchase waits until purchased, but segments lessees, lessees-june have no date for it and it is not the entry event: customers wait there for ever',
        segments: ['lessees', 'lessees-june'],
      },
    ]);
  });

  it('reports a wait on an engagement event: a customer who never replies waits for ever, whatever a branch assumed', async () => {
    const files = plan(
      '  - id: chat',
      '    entry: {segment: prospects, date: 2026-05-01}',
      '    steps:',
      '      - send: hello',
      '      - branch:',
      '          - when: {event: replied, within: P2D}',
      '            next: wait-again',
      '          - otherwise: true',
      '            next: wait-again',
      '      - id: wait-again', // 11
      '        wait: {until: {event: replied}}',
      '      - send: reminder',
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.message, f.segments])).toEqual([
      [11, 'step wait-again of journey chat waits until replied, but segment prospects has no date for it and it is not the entry event: customers wait there for ever', ['prospects']],
    ]);
  });

  it('accepts a wait until the entry event (enter before it, wait for it)', async () => {
    const files = plan(
      '  - id: lease-end',
      '    entry: {segment: prospects, event: lease_end, offset: -P30D}',
      '    steps:',
      '      - send: hello',
      '      - wait: {until: {event: lease_end}}',
      '      - send: reminder',
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('accepts a wait until an event that a segment below the entry segment, or one above it, has a date for', async () => {
    const files = plan(
      '  - id: below',
      '    entry: {segment: lessees, date: 2026-05-01}',
      '    steps:',
      '      - wait: {until: {event: lease_end}}',
      '      - send: hello',
      '  - id: above',
      '    entry: {segment: lessees, date: 2026-05-01}',
      '    steps:',
      '      - wait: {until: {event: vehicle_returned}}',
      '      - send: hello',
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('does not count a date of a segment that cannot enter', async () => {
    const files = plan(
      '  - id: prospects-only',
      '    entry: {segment: prospects, date: 2026-05-01}',
      '    steps:',
      '      - wait: {until: {event: lease_end}}',
      '      - send: hello',
    );
    expect((await findingsOf(rule, files)).map((f) => f.segments)).toEqual([['prospects']]);
  });

  it('does not repeat the unknown-reference of a next that names no step, nor report waits of a fixed duration', async () => {
    const files = plan(
      '  - id: typo',
      '    entry: {segment: lessees, event: lease_end}',
      '    steps:',
      '      - send: hello',
      '        next: thnaks',
      '      - wait: P2D',
      '      - id: thanks',
      '        send: reminder',
    );
    const findings = await lintFiles(files);
    expect(findings.map((f) => [f.rule, f.message])).toContainEqual(['unknown-reference', expect.stringContaining('thnaks')]);
    expect(findings.filter((f) => f.rule === rule)).toEqual([]);
  });

  it('finds every dead end of a journey of thousands of steps', async () => {
    const steps: string[] = [];
    for (let i = 0; i < 3000; i += 1) steps.push(`      - {id: s${i}, branch: [{when: {state: {lease: active}}, next: s${i + 1}}, {otherwise: true, next: s${i + 1}}]}`);
    steps.push('      - {id: s3000, branch: [{when: {state: {lease: active}}, next: s3000b}]}', '      - {id: s3000b, exit: true}');
    const findings = await findingsOf(rule, plan('  - id: huge', '    entry: {segment: prospects, date: 2026-05-01}', '    steps:', ...steps));
    expect(findings.map((f) => f.message)).toEqual(['the branch at step s3000 of journey huge has no otherwise: customers for whom none of its options holds are stuck there']);
  });
});
