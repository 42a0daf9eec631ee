import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/loaders/csv.js';
import { readYaml } from '../../src/loaders/yaml.js';
import { validateFragment } from '../../src/validate/validate.js';

const F = 'plan.yaml';
const at = (line: number, column: number, endLine = line, endColumn = column) => ({ file: F, line, column, endLine, endColumn });
const problem = (message: string, pointer: string, location: ReturnType<typeof at>) => ({ rule: 'invalid-input', message, location, ids: [pointer, message] });

function validate(text: string) {
  const { fragments, problems } = readYaml(F, text);
  expect(problems).toEqual([]);
  expect(fragments).toHaveLength(1);
  const result = validateFragment(fragments[0]!);
  return { ...result, invalid: [...result.fragment.invalidItems] };
}

describe('validateFragment: plan files', () => {
  it('accepts a valid plan and passes its sections on', () => {
    const { problems, fragment, invalid } = validate(
      'segments:\n  - id: lessees\n    timezone: America/Chicago\ntemplates:\n  - id: welcome\n    channel: email\n    status: approved\ncalendar:\n  - date: 2026-07-10T09:30\n    segment: lessees\n    template: welcome\njourneys:\n  - id: onboarding\n    entry: {segment: lessees, event: signup}\n    steps:\n      - wait: P2D\n      - send: welcome\n',
    );
    expect(problems).toEqual([]);
    expect(invalid).toEqual([]);
    expect(Object.keys(fragment.plan).sort()).toEqual(['calendar', 'journeys', 'segments', 'templates']);
  });

  it('reports an unknown field at its key, with did-you-mean, and the missing field at the item', () => {
    const { problems, invalid } = validate('calendar:\n  - date: 2026-07-10\n    templat: welcome\n    segment: s\n');
    expect(problems).toEqual([
      problem('calendar send is missing "template"', '/calendar/0', at(2, 5, 5, 1)),
      problem('unknown field "templat" in a calendar send; did you mean "template"?', '/calendar/0/templat', at(3, 5, 3, 12)),
    ]);
    expect(invalid).toEqual(['/calendar/0']);
  });

  it('lists the known fields when no name is close', () => {
    const { problems } = validate('segments:\n  - id: s\n    zzzzzzzz: 1\n');
    expect(problems).toEqual([
      problem(
        'unknown field "zzzzzzzz" in a segment; expected one of id, name, aliases, parent, overlaps, timezone, timezones, locales, consent, suppressed, states, events',
        '/segments/0/zzzzzzzz',
        at(3, 5, 3, 13),
      ),
    ]);
  });

  it('reports a missing required field at the item', () => {
    expect(validate('segments:\n  - name: Lessees\n  - id: ok\n').problems).toEqual([problem('segment is missing "id"', '/segments/0', at(2, 5, 3, 1))]);
  });

  it('reports a missing required field of a journey step container', () => {
    const { problems, invalid } = validate('journeys:\n  - id: j\n    steps: [{exit: true}]\n');
    expect(problems).toEqual([problem('journey is missing "entry"', '/journeys/0', at(2, 5, 4, 1))]);
    expect(invalid).toEqual(['/journeys/0']);
  });

  it('reports a wrong type (a list where text is expected) at the value', () => {
    expect(validate('segments:\n  - id: s\n    name: [a, b]\n').problems).toEqual([
      problem('"name" must be text, but it is a list', '/segments/0/name', at(3, 11, 3, 17)),
    ]);
  });

  it('reports a section that is not a list', () => {
    const { problems, fragment } = validate('calendar: 5\nsegments:\n  - id: s\n');
    expect(problems).toEqual([problem('"calendar" must be a list, but it is 5', '/calendar', at(1, 11, 1, 12))]);
    expect(Object.keys(fragment.plan)).toEqual(['segments']);
  });

  it('reports a value outside an enum with did-you-mean', () => {
    expect(validate('templates:\n  - id: t\n    status: aproved\n').problems).toEqual([
      problem(
        '"status" must be one of draft, review, approved, but it is "aproved"; did you mean "approved"?',
        '/templates/0/status',
        at(3, 13, 3, 20),
      ),
    ]);
  });

  it('reports a bad duration at the value', () => {
    const text = 'journeys:\n  - id: j\n    entry: {segment: s}\n    steps:\n      - branch:\n          - when: {event: replied, within: 3 days}\n            next: done\n          - otherwise: true\n            next: done\n      - id: done\n        exit: true\n';
    expect(validate(text).problems).toEqual([
      problem(
        '"3 days" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w',
        '/journeys/0/steps/0/branch/0/when/within',
        at(6, 44, 6, 50),
      ),
    ]);
  });

  it('reports what is wrong inside a wait until an event at the value that is wrong, besides the wait', () => {
    const { problems } = validate('journeys:\n  - id: j\n    entry: {segment: s}\n    steps:\n      - wait: {until: {event: "lease end", offset: "2 days"}}\n');
    expect(problems.map((found) => [found.message, found.location.column])).toEqual([
      ['"lease end" is not a valid id: ids cannot contain spaces', 31],
      ['"2 days" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w', 52],
      ['"wait" is not valid: Wait a duration (P2D) or until an event: {until: {event: E, offset: D}}.', 15],
    ]);
  });

  it('reports a bad wait duration at the value', () => {
    const { problems } = validate('journeys:\n  - id: j\n    entry: {segment: s}\n    steps:\n      - wait: 3 days\n');
    expect(problems.length).toBeGreaterThanOrEqual(1);
    for (const found of problems) expect(found.location).toEqual(at(5, 15, 5, 21));
    expect(problems.map((found) => found.message)).toContain('"3 days" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w');
  });

  it('reports a bad date at the value', () => {
    expect(validate('calendar:\n  - date: 10/07/2026\n    template: t\n').problems).toEqual([
      problem('"10/07/2026" is not a date: write 2026-06-30 or 2026-06-30T09:30', '/calendar/0/date', at(2, 11, 2, 21)),
    ]);
  });

  it('reports an id with spaces', () => {
    expect(validate('segments:\n  - id: a b\n').problems).toEqual([
      problem('"a b" is not a valid id: ids cannot contain spaces', '/segments/0/id', at(2, 9, 2, 12)),
    ]);
  });

  it('reports an unknown top-level section at its key, with did-you-mean', () => {
    const { problems, fragment } = validate('segments: []\ncalender:\n  - date: 2026-07-10\n');
    expect(problems).toEqual([problem('unknown field "calender" in this file; did you mean "calendar"?', '/calender', at(2, 1, 2, 9))]);
    expect(Object.keys(fragment.plan)).toEqual(['segments']);
  });

  it('marks only the broken items invalid', () => {
    const { invalid, problems } = validate('segments:\n  - id: ok\n  - id: [bad]\n  - id: fine\n');
    expect(problems).toHaveLength(1);
    expect(invalid).toEqual(['/segments/1']);
  });

  it('reports a file whose top level is not a mapping', () => {
    const message = 'a plan file must be a mapping with segments, templates, journeys or calendar';
    expect(validate('- a\n- b\n').problems).toEqual([{ rule: 'invalid-input', message, location: at(1, 1, 3, 1) }]);
    expect(validate('just text\n').problems).toEqual([{ rule: 'invalid-input', message, location: at(1, 1, 1, 10) }]);
  });

  it('treats __proto__ as an unknown field, not as the prototype', () => {
    const { problems } = validate('__proto__:\n  segments: [{id: x}]\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^unknown field "__proto__" in this file/);
    expect(problems[0]?.location).toEqual(at(1, 1, 1, 10));
  });
});

describe('validateFragment: CSV calendar dates (issue 8)', () => {
  const sends = (text: string, dateFormat?: string) => {
    const { fragment } = readCsv('sends.csv', text, { kind: 'calendar', dateFormat });
    const result = validateFragment(fragment!);
    return { problems: result.problems, invalid: [...result.fragment.invalidItems], unplaced: [...(result.fragment.unplacedItems ?? [])] };
  };
  const cell = (line: number, column: number, endColumn: number) => ({ file: 'sends.csv', line, column, endLine: line, endColumn });

  it('reports a date before 1900 at its cell, ISO or in the dateFormat, and leaves the row unplaced (checked, placed nowhere)', () => {
    expect(sends('date,segment,template\n2026-01-05,s,t\n0050-01-04,s,t\n')).toEqual({
      problems: [{ rule: 'invalid-input', message: '"0050-01-04" is out of range: cxlint reads years 1900 to 9999', location: cell(3, 1, 11) }],
      invalid: [],
      unplaced: ['/calendar/1'],
    });
    expect(sends('date,segment,template\n04/01/1899,s,t\n', 'dd/MM/yyyy').problems).toEqual([
      { rule: 'invalid-input', message: '"04/01/1899" is out of range: cxlint reads years 1900 to 9999', location: cell(2, 1, 11) },
    ]);
  });
});
