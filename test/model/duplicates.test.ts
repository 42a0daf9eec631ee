import { describe, expect, it } from 'vitest';
import { at, brief, model, yaml } from './helpers.js';

const a = yaml(
  'segments:',
  '  - id: lessees',
  'templates:',
  '  - id: t',
  '    channel: email',
  'journeys:',
  '  - id: j',
  '    entry: {segment: lessees, event: signup}',
  '    steps:',
  '      - send: t',
  'calendar:',
  '  - id: jul',
  '    date: 2026-07-01',
  '    segment: lessees',
  '    template: t',
  '  - date: 2026-07-02',
  '    segment: lessees',
  '    template: t',
);

const b = yaml(
  'segments:',
  '  - id: lessees',
  '    timezone: Asia/Tokyo',
  'templates:',
  '  - id: t',
  '    channel: sms',
  'journeys:',
  '  - id: j',
  '    entry: {segment: lessees, event: signup}',
  '    steps:',
  '      - send: t',
  '      - send: t',
  'calendar:',
  '  - id: jul',
  '    date: 2026-07-03',
  '    segment: lessees',
  '    template: t',
  '  - date: 2026-07-02',
  '    segment: lessees',
  '    template: t',
);

describe('duplicate-id across files', () => {
  it('reports the second segment, template, journey and calendar send, pointing back at the first', () => {
    const { problems } = model({ 'a.yaml': a, 'b.yaml': b });
    expect(brief(problems)).toEqual([
      at('duplicate-id', 'segment id "lessees" is already used at a.yaml:2', 'b.yaml', 2, 9),
      at('duplicate-id', 'template id "t" is already used at a.yaml:4', 'b.yaml', 5, 9),
      at('duplicate-id', 'journey id "j" is already used at a.yaml:7', 'b.yaml', 8, 9),
      at('duplicate-id', 'calendar send id "jul" is already used at a.yaml:12', 'b.yaml', 14, 9),
    ]);
    expect(problems.map((problem) => problem.related)).toEqual([
      [{ file: 'a.yaml', line: 2, column: 9, message: 'first segment "lessees"' }],
      [{ file: 'a.yaml', line: 4, column: 9, message: 'first template "t"' }],
      [{ file: 'a.yaml', line: 7, column: 9, message: 'first journey "j"' }],
      [{ file: 'a.yaml', line: 12, column: 9, message: 'first calendar send "jul"' }],
    ]);
  });

  it('keeps the first of each id; sends without an id are all kept', () => {
    const { plan } = model({ 'a.yaml': a, 'b.yaml': b });
    expect(plan.segments.get('lessees')!.timezones).toEqual([]);
    expect(plan.segments.get('lessees')!.source.file).toBe('a.yaml');
    expect(plan.templates.get('t')!.channels).toEqual(['email']);
    expect(plan.journeys.get('j')!.steps).toHaveLength(1);
    expect(plan.sends.map((send) => [send.source.file, send.id, send.date.local])).toEqual([
      ['a.yaml', 'jul', '2026-07-01'],
      ['a.yaml', undefined, '2026-07-02'],
      ['b.yaml', undefined, '2026-07-02'],
    ]);
  });

  it('reports a repeat within one file too, and lets different kinds share an id', () => {
    const text = yaml(
      'segments:',
      '  - id: x',
      '  - id: x',
      'templates:',
      '  - id: x',
      '    channel: email',
      'journeys:',
      '  - id: x',
      '    entry: {segment: x, event: signup}',
      '    steps: [{send: x}]',
      'calendar:',
      '  - {id: x, date: 2026-07-01, segment: x, template: x}',
    );
    expect(brief(model({ 'p.yaml': text }).problems)).toEqual([at('duplicate-id', 'segment id "x" is already used at p.yaml:2', 'p.yaml', 3, 9)]);
  });

  it('counts an item that broke the schema as the first holder of its id', () => {
    const first = yaml('templates:', '  - id: t', '    channel: email', '    intnet: welcome');
    const second = yaml('templates:', '  - id: t', '    channel: sms');
    const { plan, problems } = model({ 'a.yaml': first, 'b.yaml': second });
    expect(brief(problems)).toEqual([
      at('invalid-input', 'unknown field "intnet" in a template; did you mean "intent"?', 'a.yaml', 4, 5),
      at('duplicate-id', 'template id "t" is already used at a.yaml:2', 'b.yaml', 2, 9),
    ]);
    expect(plan.templates.size).toBe(0);
  });
});

describe('duplicate-id of steps', () => {
  it('reports a step id used twice in one journey, not across journeys, and never for steps without ids', () => {
    const text = yaml(
      'segments: [{id: s}]',
      'templates: [{id: t, channel: email}]',
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - id: hello',
      '        send: t',
      '      - send: t',
      '      - id: hello',
      '        send: t',
      '      - send: t',
      '  - id: k',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - id: hello',
      '        send: t',
    );
    const { plan, problems } = model({ 'j.yaml': text });
    expect(brief(problems)).toEqual([at('duplicate-id', 'step id "hello" is already used in journey "j" at j.yaml:7', 'j.yaml', 10, 13)]);
    expect(problems[0]!.related).toEqual([{ file: 'j.yaml', line: 7, column: 13, message: 'first step "hello"' }]);
    expect(plan.journeys.get('k')!.steps[0]!.id).toBe('hello');
  });

  it('sends a next to the first of two steps with the same id', () => {
    const text = yaml(
      'segments: [{id: s}]',
      'templates: [{id: t, channel: email}]',
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - {id: a, send: t}',
      '      - {id: a, send: t}',
      '      - {send: t, next: a}',
    );
    const { plan, problems } = model({ 'j.yaml': text });
    expect(brief(problems)).toEqual([at('duplicate-id', 'step id "a" is already used in journey "j" at j.yaml:7', 'j.yaml', 8, 14)]);
    expect(plan.journeys.get('j')!.steps[2]!.next).toBe(0);
  });
});
