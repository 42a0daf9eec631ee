import { describe, expect, it } from 'vitest';
import { tdx } from '../../../src/loaders/adapters/tdx.js';
import { lintTexts } from '../../../src/engine/lint.js';

const FILE = 'segments/customer-360/lease-end.yml';

function read(text: string, options: Record<string, unknown> = {}) {
  return tdx.read({ file: FILE, absolutePath: FILE, bytes: Buffer.from(text), explicit: false, options });
}

const problem = (message: string, line: number, column: number, severity?: string) =>
  expect.objectContaining({ rule: 'invalid-input', message, location: expect.objectContaining({ file: FILE, line, column }), ...(severity ? { severity } : {}) });

/** ADAPTERS.md §2's shape: a conditional wait, a merge, a week's wait, and the version marked latest after a draft. */
const LEASE_END = `type: journey
name: Lease end programme
segments:
  lease_ending: { description: Lease ends soon }
  replied: { description: Replied }
activations:
  options-email: { name: Lease options email, connection: SFMC Main }
  reminder-sms: { name: Lease reminder SMS, connection: Twilio SMS }
journeys:
  - state: draft
    version: 1
    stages: [{ name: Old, entry_criteria: { segment: lease_ending }, steps: [{ type: end, name: Done }] }]
  - state: launched
    version: 2
    latest: true
    stages:
      - name: Options
        entry_criteria: { name: Lease ending, segment: lease_ending }
        steps:
          - { type: activation, name: Send Options, next: Wait For Reply, with: { activation: options-email } }
          - type: wait
            name: Wait For Reply
            with:
              condition:
                segment: replied
                next: Done
                timeout: { duration: 7, unit: DAY, next: Send Reminder }
          - { type: activation, name: Send Reminder, next: Rejoin, with: { activation: reminder-sms } }
          - { type: merge, name: Rejoin, next: Cool Down }
          - { type: wait, name: Cool Down, next: Done, with: { duration: 1, unit: week } }
          - { type: end, name: Done }
`;

describe('tdx: which files', () => {
  it('a YAML file whose top level says type: journey and holds journeys: or stages:', () => {
    expect(tdx.handles(FILE)).toBe(true);
    expect(tdx.sureSign(LEASE_END)).toBe(true);
    expect(tdx.sureSign('kind: segment\nname: x\n')).toBe(false);
    expect(tdx.sureSign('steps:\n  - type: journey\njourneys: []\n')).toBe(false);
  });
});

describe('tdx: a journey', () => {
  const options = { channels: { 'SFMC Main': 'email', 'Twilio SMS': 'sms' }, events: { lease_ending: 'lease_end' } };
  const { fragments, problems } = read(LEASE_END, options);
  const plan = fragments[0]!.value as Record<string, unknown>;

  it('each stage of the latest version is a journey; steps keep their links, a conditional wait is a branch', () => {
    expect(problems).toEqual([]);
    expect(plan.journeys).toEqual([
      {
        id: 'lease-end/Options',
        name: 'Lease end programme — Options',
        entry: { segment: 'lease-end/lease_ending', event: 'lease_end' },
        steps: [
          { id: 'Send_Options', send: 'lease-end/options-email', next: 'Wait_For_Reply' },
          {
            id: 'Wait_For_Reply',
            branch: [
              { when: { event: 'tdx:lease-end/replied', within: 'P7D' }, next: 'Done' },
              { otherwise: true, next: 'Send_Reminder' },
            ],
          },
          { id: 'Send_Reminder', send: 'lease-end/reminder-sms', next: 'Rejoin' },
          { id: 'Rejoin', wait: 'P0D', next: 'Cool_Down' },
          { id: 'Cool_Down', wait: 'P1W', next: 'Done' },
          { id: 'Done', exit: true },
        ],
      },
    ]);
    expect(plan.templates).toEqual([
      { id: 'lease-end/options-email', name: 'Lease options email', channel: 'email' },
      { id: 'lease-end/reminder-sms', name: 'Lease reminder SMS', channel: 'sms' },
    ]);
    expect(plan.segments).toEqual([
      { id: 'lease-end/replied', name: 'Replied' },
      { id: 'lease-end/lease_ending', name: 'Lease ends soon' },
    ]);
  });

  it('positions point into the YAML: the week wait at its with, the reminder send at its activation', () => {
    expect(fragments[0]!.positions.get('/journeys/0/steps/4/wait')?.value).toMatchObject({ line: 30, column: 62 });
    expect(fragments[0]!.positions.get('/journeys/0/steps/2/send')?.value).toMatchObject({ line: 28, column: 88 });
  });

  it('without the config maps: a warning per connection, an info for the entry', () => {
    expect(read(LEASE_END).problems).toEqual([
      problem(expect.stringContaining('activation options-email goes through connection "SFMC Main"'), 7, 59, 'warning'),
      problem(expect.stringContaining('activation reminder-sms goes through connection "Twilio SMS"'), 8, 57, 'warning'),
      problem(expect.stringContaining('stage Options is entered by joining segment lease_ending, at no lifecycle event'), 18, 56, 'info'),
    ]);
  });
});

describe('tdx: steps linked by uuid, decision points, A/B tests and jumps', () => {
  const text = `type: journey
stages:
  - name: Main
    root_step: u2
    entry_criteria: { segment: ref:All Customers }
    steps:
      - { type: jump, name: Away, uuid: u1, with: { target: { journey: Other, stage: First } } }
      - type: decision_point
        name: Which
        uuid: u2
        with:
          branches:
            - { name: VIP, segment: ref:VIP, next: u3 }
            - { name: Rest, excluded: true, next: u1 }
      - type: ab_test
        name: Test
        uuid: u3
        with: { variants: [{ name: A, percentage: 50, next: u1 }, { name: B, percentage: 50 }] }
`;
  const { fragments, problems } = read(text);

  it('starts at root_step, reads next by uuid, and ends paths explicitly', () => {
    expect((fragments[0]!.value as { journeys: Array<{ steps: unknown }> }).journeys[0]!.steps).toEqual([
      {
        id: 'Which',
        branch: [
          { when: { event: 'tdx:lease-end/ref:VIP', within: 'PT0S' }, next: 'Test' },
          { otherwise: true, next: 'Away' },
        ],
      },
      { id: 'Away', exit: true },
      {
        id: 'Test',
        branch: [
          { when: { event: 'tdx:lease-end/Main/Test/A', within: 'PT0S' }, next: 'Away' },
          { otherwise: true, next: 'exit' },
        ],
      },
      { id: 'exit', exit: true },
    ]);
    expect(problems).toContainEqual(problem('step Away jumps to Other / First: cxlint follows each stage as a journey of its own, so the path ends here', 7, 17, 'info'));
  });
});

describe('tdx: bad input', () => {
  it('a next naming no step is a finding at that next; the path ends', () => {
    const text = 'type: journey\nstages:\n  - name: S\n    entry_criteria: { segment: s }\n    steps:\n      - { type: wait, name: W, next: Nowhere, with: { duration: 1, unit: day } }\nsegments: { s: {} }\n';
    expect(read(text, { events: { s: 'signup' } }).problems).toEqual([problem('next "Nowhere" names no step of stage S: the path ends there', 6, 38)]);
  });

  /** A unit tdx does not use, in a journey that also has a broken next after it: one run must show both. */
  const MONTH_WAIT = `type: journey
name: Renewal
segments: { renewing: { description: Renewing } }
activations:
  offer-email: { name: Offer email, connection: SFMC Main }
  last-call-email: { name: Last call email, connection: SFMC Main }
stages:
  - name: One
    entry_criteria: { segment: renewing }
    steps:
      - { type: activation, name: Offer, next: W, with: { activation: offer-email } }
      - { type: wait, name: W, next: Last Call, with: { duration: 2, unit: month } }
      - { type: activation, name: Last Call, next: Missing Step, with: { activation: last-call-email } }
`;

  it('a wait unit tdx does not use is an error at the unit; the wait reads as P0D and the rest of the file is still read', () => {
    const { fragments, problems } = read(MONTH_WAIT, { channels: { 'SFMC Main': 'email' }, events: { renewing: 'lease_end' } });
    expect(problems).toEqual([
      problem('unit "month" is not one tdx journeys use: day or week; read as no wait (P0D)', 12, 76),
      problem('next "Missing Step" names no step of stage One: the path ends there', 13, 52),
    ]);
    expect((fragments[0]!.value as { journeys: Array<{ steps: unknown }> }).journeys[0]!.steps).toEqual([
      { id: 'Offer', send: 'lease-end/offer-email', next: 'W' },
      { id: 'W', wait: 'P0D', next: 'Last_Call' },
      { id: 'Last_Call', send: 'lease-end/last-call-email', next: 'exit' },
      { id: 'exit', exit: true },
    ]);
  });

  it('through cxlint: the bad unit and the missing step are the run\'s only errors, both reported, with the journey\'s sends', () => {
    const { findings, summary } = lintTexts({ [FILE]: MONTH_WAIT });
    expect(findings.filter((found) => found.severity === 'error').map(({ rule, message, location }) => ({ rule, message, line: location.line, column: location.column }))).toEqual([
      { rule: 'invalid-input', message: 'unit "month" is not one tdx journeys use: day or week; read as no wait (P0D)', line: 12, column: 76 },
      { rule: 'invalid-input', message: 'next "Missing Step" names no step of stage One: the path ends there', line: 13, column: 52 },
    ]);
    expect(summary).toMatchObject({ segments: 1, sends: 2 });
  });

  it('a condition timeout with a broken duration and unit: both are errors, the timeout reads as P0D, the step is kept', () => {
    const text = `type: journey
segments: { s: {}, replied: {} }
stages:
  - name: S
    entry_criteria: { segment: s }
    steps:
      - type: wait
        name: Wait For Reply
        with:
          condition:
            segment: replied
            next: Done
            timeout: { duration: 1.5, unit: hour, next: Done }
      - { type: end, name: Done }
`;
    const { fragments, problems } = read(text, { events: { s: 'signup' } });
    expect(problems).toEqual([problem('a wait needs a whole, non-negative duration: read as no wait (P0D)', 13, 34), problem('unit "hour" is not one tdx journeys use: day or week; read as no wait (P0D)', 13, 45)]);
    expect((fragments[0]!.value as { journeys: Array<{ steps: unknown }> }).journeys[0]!.steps).toEqual([
      {
        id: 'Wait_For_Reply',
        branch: [
          { when: { event: 'tdx:lease-end/replied', within: 'P0D' }, next: 'Done' },
          { otherwise: true, next: 'Done' },
        ],
      },
      { id: 'Done', exit: true },
    ]);
  });

  it('an unknown step type, and several versions with none latest, are findings where they stand', () => {
    const bad = 'type: journey\nstages:\n  - name: S\n    entry_criteria: { segment: s }\n    steps:\n      - { type: teleport, name: T }\n';
    expect(read(bad)).toEqual({ fragments: [], problems: [problem('step type "teleport" is not one of activation, wait, decision_point, ab_test, merge, jump, end', 6, 17)] });
    const versions = 'type: journey\njourneys:\n  - { version: 1, stages: [] }\n  - { version: 2, stages: [] }\n';
    expect(read(versions).problems).toEqual([problem('several journey versions and none marked latest: true: cxlint lints the latest one', 3, 3)]);
  });

  it('through cxlint: a decision point with no excluded branch is a dead end at the step in the YAML', () => {
    const text = 'type: journey\nsegments: { s: {}, vip: {} }\nstages:\n  - name: S\n    entry_criteria: { segment: s }\n    steps:\n      - type: decision_point\n        name: D\n        with: { branches: [{ name: V, segment: vip, next: E }] }\n      - { type: end, name: E }\n';
    const { findings } = lintTexts({ 'segments/p/j.yml': text });
    expect(findings.filter((found) => found.rule === 'journey-dead-end').map(({ message, location }) => ({ message, line: location.line, column: location.column }))).toEqual([
      { message: 'the branch at step D of journey j/S has no otherwise: customers for whom none of its options holds are stuck there', line: 7, column: 9 },
    ]);
  });
});
