import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/loaders/csv.js';
import type { CsvOptions } from '../../src/loaders/csv.js';
import { decodeText } from '../../src/loaders/text.js';
import { validateFragment } from '../../src/validate/validate.js';

const F = 'sends.csv';
const at = (line: number, column: number, endLine = line, endColumn = column) => ({ file: F, line, column, endLine, endColumn });
const problem = (message: string, location: ReturnType<typeof at>) => ({ rule: 'invalid-input', message, location, ids: [message] });
const calendar: CsvOptions = { kind: 'calendar' };
const UNCLOSED = 'unclosed quote: this row opens a quoted field that never ends';
const AFTER_QUOTED = 'stray quote: a quoted field must end with a quote followed by the delimiter or the end of the row (write a quote inside it as "")';
const IN_UNQUOTED = 'stray quote in an unquoted field: put the whole field in quotes and write each quote in it as ""';

function read(text: string, options: CsvOptions = calendar) {
  const { fragment, problems } = readCsv(F, text, options);
  const rows = (fragment?.value as Record<string, unknown[]> | undefined)?.[options.kind];
  const cell = (pointer: string) => fragment?.positions.get(pointer)?.value;
  return { fragment, problems, rows, cell };
}

/** readCsv then validateFragment: the calendar sends the model would see, and every problem. */
function sends(text: string, options: CsvOptions = calendar) {
  const { fragment, problems } = readCsv(F, text, options);
  if (!fragment) return { plan: undefined, problems, invalid: [] as string[], unplaced: [] as string[] };
  const validated = validateFragment(fragment);
  const { invalidItems, unplacedItems = new Set<string>() } = validated.fragment;
  return { plan: validated.fragment.plan, problems: [...problems, ...validated.problems], invalid: [...invalidItems], unplaced: [...unplacedItems] };
}

describe('readCsv: headers', () => {
  it('matches header aliases ignoring case, spaces, _ and -', () => {
    const { rows, problems, fragment } = read('Send Date,AUDIENCE,email-name,Campaign_Name,TEAM,Platform,RRULE,Send ID,Time Zone\n2026-07-10,a,t,c,ops,email,daily,s1,UTC\n');
    expect(problems).toEqual([]);
    expect(fragment?.format).toBe('csv-calendar');
    expect(rows).toEqual([
      { date: '2026-07-10', segment: 'a', template: 't', campaign: 'c', owner: 'ops', channel: 'email', repeat: 'daily', id: 's1', timezone: 'UTC' },
    ]);
  });

  it.each([
    ['send_date', 'date'],
    ['scheduled at', 'date'],
    ['Publish-Date', 'date'],
    ['target', 'segment'],
    ['List', 'segment'],
    ['Message ID', 'template'],
    ['content_id', 'template'],
  ])('header %j gives %s', (header, field) => {
    const others = ['date', 'segment', 'template'].filter((name) => name !== field);
    const { rows, problems } = read(`${header},${others.join(',')}\nX,Y,Z\n`);
    expect(problems).toEqual([]);
    expect((rows?.[0] as Record<string, string>)[field]).toBe('X');
  });

  it('maps other headers with inputs[].columns (compared the same way)', () => {
    const { rows, problems, cell } = read('When,Who,What,Notes\n2026-07-10,s,t,ignored\n', {
      kind: 'calendar',
      columns: { date: 'when', segment: 'W H O', template: 'what' },
    });
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ date: '2026-07-10', segment: 's', template: 't' }]);
    expect(cell('/calendar/0/template')).toEqual(at(2, 14, 2, 15));
  });

  it('reports two columns that map to one field at the second header, and reads the first', () => {
    const { rows, problems } = read('date,segment,Audience,template\n2026-07-10,s,a,t\n');
    const message = 'two columns give "segment": "segment" and "Audience"; keep one, or map one with inputs[].columns';
    expect(problems).toEqual([problem(message, at(1, 14, 1, 22))]);
    expect(rows).toEqual([{ date: '2026-07-10', segment: 's', template: 't' }]);
  });

  it('reads a field `columns` maps from that header only: a column cxlint knows by its own name is then another column', () => {
    const { rows, problems } = read('Date,Send Date,Segment,Template\n2026-01-05 08:00,2026-06-10 23:30,s,t\n', { kind: 'calendar', columns: { date: 'Send Date' } });
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ date: '2026-06-10 23:30', segment: 's', template: 't' }]);
    const segments = read('id,Code,name\nx,members,Members\n', { kind: 'segments', columns: { id: 'Code' } });
    expect([segments.problems, segments.rows]).toEqual([[], [{ id: 'members', name: 'Members' }]]);
  });

  it('names the header `columns` maps when the file does not have it, with the nearest it has', () => {
    const { problems } = read("Date d’envoi;Cible;Message\n2026-06-10;s;t\n", { kind: 'calendar', columns: { date: "Date d'envoi", segment: 'Cible', template: 'Message' } });
    expect(problems.map((found) => found.message)).toEqual([
      'no column for date (mapped to "Date d\'envoi", which this file\'s header does not have; did you mean "Date d’envoi"?): rename the header or map it with inputs[].columns',
    ]);
  });

  it('reports identical duplicate headers instead of merging them', () => {
    const { rows, problems } = read('date,segment,template,template\n2026-07-10,s,t1,t2\n');
    expect(problems).toEqual([problem('two columns give "template": "template" and "template"; keep one, or map one with inputs[].columns', at(1, 23, 1, 31))]);
    expect(rows).toEqual([{ date: '2026-07-10', segment: 's', template: 't1' }]);
  });

  it('reports missing required columns on the header line, and reads no rows', () => {
    const message =
      'no column for segment (segment, audience, list, target); template (template, message, message id, email name, content id): rename the header or map it with inputs[].columns';
    expect(readCsv(F, 'date,channel\n2026-07-10,email\n', calendar)).toEqual({ problems: [problem(message, at(1, 1, 1, 13))] });
    const dateMissing = readCsv(F, 'when,segment,template\nx,s,t\n', calendar).problems;
    expect(dateMissing.map((p) => p.message)).toEqual([
      'no column for date (date, send date, scheduled, scheduled at, start, start date, publish date): rename the header or map it with inputs[].columns',
    ]);
  });

  it('reads an empty file as nothing at all', () => {
    expect(readCsv(F, '', calendar)).toEqual({ problems: [] });
  });
});

describe('readCsv: delimiters, quotes and line ends', () => {
  const expected = [{ date: '2026-07-10', segment: 's', template: 't' }];

  it('detects ; from the header line', () => {
    const { rows, problems, cell } = read('date;segment;template\n2026-07-10;s;"a;b"\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ date: '2026-07-10', segment: 's', template: 'a;b' }]);
    expect(cell('/calendar/0/template')).toEqual(at(2, 14, 2, 19));
  });

  it('detects tab from the header line', () => {
    const { rows, problems, cell } = read('date\tsegment\ttemplate\n2026-07-10\ts\tt\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual(expected);
    expect(cell('/calendar/0/segment')).toEqual(at(2, 12, 2, 13));
  });

  it('uses an explicit delimiter', () => {
    const { rows, problems } = read('date|segment|template\n2026-07-10|s|t\n', { kind: 'calendar', delimiter: '|' });
    expect(problems).toEqual([]);
    expect(rows).toEqual(expected);
  });

  it('keeps the physical line of the record after a quoted field with embedded newlines', () => {
    const { rows, problems, cell } = read('date,segment,template\n2026-07-10,s,"multi\nline\nname"\n2026-07-11,s2,t2\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { date: '2026-07-10', segment: 's', template: 'multi\nline\nname' },
      { date: '2026-07-11', segment: 's2', template: 't2' },
    ]);
    expect(cell('/calendar/0/template')).toEqual(at(2, 14, 4, 6));
    expect(cell('/calendar/1')).toEqual(at(5, 1, 5, 17));
    expect(cell('/calendar/1/template')).toEqual(at(5, 15, 5, 17));
  });

  it('reads CRLF line ends, with cell positions that exclude the CR', () => {
    const { rows, problems, cell } = read('date,segment,template\r\n2026-07-10,s,t\r\n2026-07-11,s2,t2\r\n');
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(cell('/calendar/0/date')).toEqual(at(2, 1, 2, 11));
    expect(cell('/calendar/1')).toEqual(at(3, 1, 3, 17));
    expect(cell('/calendar/1/template')).toEqual(at(3, 15, 3, 17));
  });

  it('skips trailing empty rows, rows of empty cells and blank lines, keeping later lines right', () => {
    const { rows, problems, cell } = read('date,segment,template\r\n\r\n2026-07-10,s,t\r\n,,\r\n\r\n2026-07-11,s2,t2\r\n,,\r\n\r\n\r\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { date: '2026-07-10', segment: 's', template: 't' },
      { date: '2026-07-11', segment: 's2', template: 't2' },
    ]);
    expect(cell('/calendar/0/date')).toEqual(at(3, 1, 3, 11));
    expect(cell('/calendar/1/segment')).toEqual(at(6, 12, 6, 14));
  });

  it('keeps columns right after non-ASCII text (columns count characters, not bytes)', () => {
    const { problems, cell } = read('date,segment,template\n2026-07-10,clientèle-中文,t\n2026-07-11,s,t2\n');
    expect(problems).toEqual([]);
    expect(cell('/calendar/0/template')).toEqual(at(2, 25, 2, 26));
    expect(cell('/calendar/1/date')).toEqual(at(3, 1, 3, 11));
    expect(cell('/calendar/1/template')).toEqual(at(3, 14, 3, 16));
  });

  it('strips a UTF-8 BOM from the first header', () => {
    const { rows, problems, cell } = read('\uFEFFdate,segment,template\n2026-07-10,s,t\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual(expected);
    expect(cell('/calendar/0/date')).toEqual(at(2, 1, 2, 11));
    expect(cell('/calendar/0/template')).toEqual(at(2, 14, 2, 15));
  });

  it('reads UTF-16 with a BOM once decodeText has decoded it', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date;segment;template\r\n2026-07-10;s;t\r\n', 'utf16le')]);
    const decoded = decodeText(F, bytes, 1000);
    expect('text' in decoded).toBe(true);
    const { rows, problems, cell } = read((decoded as { text: string }).text);
    expect(problems).toEqual([]);
    expect(rows).toEqual(expected);
    expect(cell('/calendar/0/template')).toEqual(at(2, 14, 2, 15));
  });

  it('reports a row with the wrong number of fields at its line and still reads the other rows', () => {
    const { rows, problems, cell } = read('date,segment,template\n2026-07-10,s\n2026-07-11,s2,t2\n2026-07-12,s,t,x\n');
    expect(problems).toEqual([
      problem('this row has 2 fields but the header has 3', at(2, 1, 2, 13)),
      problem('this row has 4 fields but the header has 3', at(4, 1, 4, 17)),
    ]);
    expect(rows).toEqual([{ date: '2026-07-11', segment: 's2', template: 't2' }]);
    expect(cell('/calendar/0')).toEqual(at(3, 1, 3, 17));
  });

  it('reports an unclosed quote at the line where its record starts, not the last line, keeping the rows before', () => {
    const { rows, problems } = read('date,segment,template\n2026-07-10,s,t\n2026-07-11,"s2,t2\n2026-07-12,s,t\n2026-07-13,s,t\n');
    expect(problems).toEqual([problem('unclosed quote: this row opens a quoted field that never ends', at(3, 1))]);
    expect(rows).toEqual([{ date: '2026-07-10', segment: 's', template: 't' }]);
  });

  it('finds the start of an unclosed-quote record after multi-line records and non-ASCII text', () => {
    const { problems } = read('date,segment,template\n2026-07-10,"é\nè",t\n2026-07-11,s,"oops\nmore\n');
    expect(problems).toEqual([problem('unclosed quote: this row opens a quoted field that never ends', at(4, 1))]);
  });

  it('reports an unclosed quote in a CR-only file at the line where its record starts', () => {
    const { rows, problems } = read('date,segment,template\r2026-07-10,s,t\r2026-07-11,"s2,t2\r2026-07-12,s,t\r');
    expect(problems).toEqual([problem(UNCLOSED, at(3, 1))]);
    expect(rows).toEqual([{ date: '2026-07-10', segment: 's', template: 't' }]);
  });

  it('gives each cell its column (the template cell of row 3 is at line 3)', () => {
    const { cell } = read('id,date,segment,template\na,2026-07-10,s,welcome\nbb,2026-07-11,"seg, one",birthday\n');
    expect(cell('/calendar/1/id')).toEqual(at(3, 1, 3, 3));
    expect(cell('/calendar/1/date')).toEqual(at(3, 4, 3, 14));
    expect(cell('/calendar/1/segment')).toEqual(at(3, 15, 3, 25));
    expect(cell('/calendar/1/template')).toEqual(at(3, 26, 3, 34));
  });
});

describe('readCsv: a row it cannot read is reported, and reading resumes on the next line', () => {
  it('reports a stray quote after a quoted field on its row, and reads the rows after it', () => {
    const { rows, problems, cell } = read('date,segment,template\n2026-07-10,"m"x,t\n2026-07-11,m,NOPE\n2026-07-12,m,t\n');
    expect(problems).toEqual([problem(AFTER_QUOTED, at(2, 12, 2, 15))]);
    expect(rows).toEqual([
      { date: '2026-07-11', segment: 'm', template: 'NOPE' },
      { date: '2026-07-12', segment: 'm', template: 't' },
    ]);
    expect(cell('/calendar/0')).toEqual(at(3, 1, 3, 18));
    expect(cell('/calendar/0/template')).toEqual(at(3, 14, 3, 18));
    expect(cell('/calendar/1/date')).toEqual(at(4, 1, 4, 11));
  });

  it('reports a quote inside an unquoted field on its row, and reads the rows after it', () => {
    const { rows, problems } = read('date,segment,template\n2026-07-10,m"x,t\n2026-07-11,m,NOPE\n');
    expect(problems).toEqual([problem(IN_UNQUOTED, at(2, 12, 2, 14))]);
    expect(rows).toEqual([{ date: '2026-07-11', segment: 'm', template: 'NOPE' }]);
  });

  it('the rows after a stray quote become sends, so a bad template below it is still seen', () => {
    const { plan, problems } = sends('date,segment,template\n2026-07-10,s,t\n2026-07-10,"m"x,t\n2026-07-11,m,NOPE\n2026-07-12,m,t\n');
    expect(problems).toEqual([problem(AFTER_QUOTED, at(3, 12, 3, 15))]);
    expect(plan?.calendar?.map((send) => send.template)).toEqual(['t', 'NOPE', 't']);
  });

  it('reports every bad row at its own line, with CRLF line ends, blank lines and non-ASCII text', () => {
    const text = 'date,segment,template\r\n\r\n2026-07-10,"é"x,t\r\n2026-07-11,s,t\r\n\r\n2026-07-12,ü"x,t\r\n2026-07-13,s,"t"\r\n';
    const { rows, problems, cell } = read(text);
    expect(problems).toEqual([problem(AFTER_QUOTED, at(3, 12, 3, 15)), problem(IN_UNQUOTED, at(6, 12, 6, 14))]);
    expect(rows).toEqual([
      { date: '2026-07-11', segment: 's', template: 't' },
      { date: '2026-07-13', segment: 's', template: 't' },
    ]);
    expect(cell('/calendar/0/segment')).toEqual(at(4, 12, 4, 13));
    expect(cell('/calendar/1/template')).toEqual(at(7, 14, 7, 17));
  });

  it('reports a stray quote that ends a multi-line field from the start of its cell to the quote, and resumes on the next line', () => {
    const { rows, problems, cell } = read('date,segment,template\n2026-07-10,"a\nb"x,t\n2026-07-11,m,t\n');
    expect(problems).toEqual([problem(AFTER_QUOTED, at(2, 12, 3, 3))]);
    expect(rows).toEqual([{ date: '2026-07-11', segment: 'm', template: 't' }]);
    expect(cell('/calendar/0')).toEqual(at(4, 1, 4, 15));
  });

  it('reads the rows after a stray quote up to an unclosed quote, which is one problem at its line', () => {
    const { rows, problems } = read('date,segment,template\n2026-07-10,"m"x,t\n2026-07-11,m,t\n2026-07-12,"m,t\n2026-07-13,m,t\n');
    expect(problems).toEqual([problem(AFTER_QUOTED, at(2, 12, 2, 15)), problem(UNCLOSED, at(4, 1))]);
    expect(rows).toEqual([{ date: '2026-07-11', segment: 'm', template: 't' }]);
  });

  it('reads no rows when the header itself cannot be read (rows mean nothing without it)', () => {
    const { fragment, problems } = read('date,"segment"x,template\n2026-07-10,m,t\n');
    expect(problems).toEqual([problem(AFTER_QUOTED, at(1, 6, 1, 15))]);
    expect(fragment).toBeUndefined();
  });

  it('never puts the text of the file into the message', () => {
    const { problems } = read('date,segment,template\n2026-07-10,"\u001b[31m"\u001b]0;x,t\n');
    expect(problems.map((p) => p.message)).toEqual([AFTER_QUOTED]);
  });
});

describe('readCsv: CR-only and mixed line ends', () => {
  it('reads CR-only line ends (Excel "CSV (Macintosh)"), each CR ending a line', () => {
    const { rows, problems, cell } = read('date,segment,template\r2026-07-10,s,t\r2026-07-11,s2,NOPE\r');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { date: '2026-07-10', segment: 's', template: 't' },
      { date: '2026-07-11', segment: 's2', template: 'NOPE' },
    ]);
    expect(cell('/calendar/0/date')).toEqual(at(2, 1, 2, 11));
    expect(cell('/calendar/1')).toEqual(at(3, 1, 3, 19));
    expect(cell('/calendar/1/template')).toEqual(at(3, 15, 3, 19));
  });

  it('reads a file that mixes LF, CRLF and CR, each one line end', () => {
    const { rows, problems, cell } = read('date,segment,template\n2026-07-10,s,t\r2026-07-11,s2,t2\r\n2026-07-12,s3,t3\n\r2026-07-13,s4,t4');
    expect(problems).toEqual([]);
    expect(rows?.map((row) => (row as { template: string }).template)).toEqual(['t', 't2', 't3', 't4']);
    expect(cell('/calendar/0')).toEqual(at(2, 1, 2, 15));
    expect(cell('/calendar/1')).toEqual(at(3, 1, 3, 17));
    expect(cell('/calendar/2')).toEqual(at(4, 1, 4, 17));
    expect(cell('/calendar/3/template')).toEqual(at(6, 15, 6, 17));
  });

  it('counts a CR inside a quoted field as a line end', () => {
    const { rows, problems, cell } = read('date,segment,template\r2026-07-10,s,"multi\rline"\r2026-07-11,s2,t2\r');
    expect(problems).toEqual([]);
    expect((rows?.[0] as { template: string }).template).toBe('multi\rline');
    expect(cell('/calendar/0/template')).toEqual(at(2, 14, 3, 6));
    expect(cell('/calendar/1/segment')).toEqual(at(4, 12, 4, 14));
  });

  it('detects the delimiter from the first line of a CR-only file, not from the whole file', () => {
    const { rows, problems } = read('date;segment;template\r2026-07-10;s;"a,b,c,d,e"\r');
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ date: '2026-07-10', segment: 's', template: 'a,b,c,d,e' }]);
  });

  it('reports a stray quote in a CR-only file at its line and reads on', () => {
    const { rows, problems } = read('date,segment,template\r2026-07-10,"m"x,t\r2026-07-11,m,NOPE\r');
    expect(problems).toEqual([problem(AFTER_QUOTED, at(2, 12, 2, 15))]);
    expect(rows).toEqual([{ date: '2026-07-11', segment: 'm', template: 'NOPE' }]);
  });
});

describe('readCsv + validateFragment: calendar rows become sends', () => {
  it('splits a segment cell on ; or | into segments, keeping the cell position for each', () => {
    const text = 'date,segment,template\n2026-07-10,a;b,t\n2026-07-11,x | y,t\n2026-07-12,solo,t\n';
    const { plan, problems } = sends(text);
    expect(problems).toEqual([]);
    expect(plan?.calendar).toEqual([
      { date: '2026-07-10', template: 't', segments: ['a', 'b'] },
      { date: '2026-07-11', template: 't', segments: ['x', 'y'] },
      { date: '2026-07-12', template: 't', segment: 'solo' },
    ]);
    const { fragment } = readCsv(F, text, calendar);
    validateFragment(fragment!);
    expect(fragment!.positions.get('/calendar/0/segments/1')?.value).toEqual(at(2, 12, 2, 15));
  });

  it('reads ISO dates with T or a space, with or without an offset', () => {
    const { plan, problems } = sends('date,segment,template\n2026-07-10T09:30,s,t\n2026-07-10 09:30,s,t\n2026-07-10T09:30:15+0200,s,t\n2026-07-10,s,t\n');
    expect(problems).toEqual([]);
    expect(plan?.calendar?.map((send) => send.date)).toEqual(['2026-07-10T09:30:00', '2026-07-10T09:30:00', '2026-07-10T09:30:15+02:00', '2026-07-10']);
  });

  it('reads a dateFormat such as dd/MM/yyyy HH:mm', () => {
    const { plan, problems } = sends('date,segment,template\n03/04/2026 18:05,s,t\n', { kind: 'calendar', dateFormat: 'dd/MM/yyyy HH:mm' });
    expect(problems).toEqual([]);
    expect(plan?.calendar?.[0]?.date).toBe('2026-04-03T18:05:00');
  });

  it('reads a date-only dateFormat as a date without time', () => {
    const { plan, problems } = sends('date,segment,template\n04/03/2026,s,t\n', { kind: 'calendar', dateFormat: 'MM/dd/yyyy' });
    expect(problems).toEqual([]);
    expect(plan?.calendar?.[0]?.date).toBe('2026-04-03');
  });

  it('reports an impossible date as not a real date, at the date cell; the row goes on to the model unplaced, the others placed', () => {
    const { problems, invalid, unplaced } = sends('template,segment,date\nt,s,31/02/2026 10:00\nt,s,28/02/2026 10:00\n', {
      kind: 'calendar',
      dateFormat: 'dd/MM/yyyy HH:mm',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'invalid-input', location: at(2, 5, 2, 21) });
    expect(problems[0]?.message).toMatch(/^"31\/02\/2026 10:00" is not a real date/);
    expect(invalid).toEqual([]);
    expect(unplaced).toEqual(['/calendar/0']);
  });

  it('reports an impossible ISO date such as 2026-02-30', () => {
    const { problems } = sends('date,segment,template\n2026-02-30,s,t\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^"2026-02-30" is not a real date/);
    expect(problems[0]?.location).toEqual(at(2, 1, 2, 11));
  });

  it('reports a date that does not match the dateFormat', () => {
    const { problems } = sends('date,segment,template\n2026/07/10,s,t\n', { kind: 'calendar', dateFormat: 'dd/MM/yyyy' });
    expect(problems).toEqual([{ rule: 'invalid-input', message: '"2026/07/10" does not match the dateFormat dd/MM/yyyy', location: at(2, 1, 2, 11) }]);
  });

  it('never guesses an ambiguous date: it says so and how to set dateFormat', () => {
    const { plan, problems, invalid, unplaced } = sends('date,segment,template\n03/04/2026,s,t\n');
    expect(problems).toEqual([
      {
        rule: 'invalid-input',
        message:
          'ambiguous date "03/04/2026": it reads as 2026-04-03 by dd/MM/yyyy, or 2026-03-04 by MM/dd/yyyy; set inputs[].dateFormat for this file in cxlint.config.yaml to the one your tool exports',
        location: at(2, 1, 2, 11),
      },
    ]);
    expect(problems[0]?.message).toMatch(/ambiguous/);
    expect(problems[0]?.message).toMatch(/dateFormat/);
    expect(invalid).toEqual([]);
    expect(unplaced).toEqual(['/calendar/0']);
    expect(plan?.calendar).toHaveLength(1);
  });

  it('adds a separate time column to the date', () => {
    const { plan, problems } = sends('date,send time,segment,template\n2026-07-10,9:30,s,t\n2026-07-10,18:45:10,s,t\n');
    expect(problems).toEqual([]);
    expect(plan?.calendar?.map((send) => send.date)).toEqual(['2026-07-10T09:30:00', '2026-07-10T18:45:10']);
  });

  it('reads the times of day spreadsheets export: 12-hour with AM/PM, and 23h30', () => {
    const times = ['11:30 PM', '11:30pm', '12:00 AM', '12:15 p.m.', '9:05 am', '23h30', '7h05'];
    const { plan, problems } = sends(`date,time,segment,template\n${times.map((time) => `2026-07-10,${time},s,t`).join('\n')}\n`);
    expect(problems).toEqual([]);
    expect(plan?.calendar?.map((send) => send.date.slice(11))).toEqual(['23:30:00', '23:30:00', '00:00:00', '12:15:00', '09:05:00', '23:30:00', '07:05:00']);
  });

  it('reports a time that is not a time of day at the time cell, saying how to write one', () => {
    const how = 'write it as HH:mm (23:30), HH:mm:ss, or h:mm AM/PM (11:30 PM)';
    for (const time of ['25:00', '24:00', '13:30 PM', '0:30 AM', '9:60', 'noon']) {
      const { problems, unplaced } = sends(`date,time,segment,template\n2026-07-10,${time},s,t\n`);
      expect(problems, time).toEqual([{ rule: 'invalid-input', message: `"${time}" is not a time of day: ${how}`, location: at(2, 12, 2, 12 + time.length) }]);
      expect(unplaced).toEqual(['/calendar/0']);
    }
  });

  it('reads the time of a row that has no date: both are told in one run', () => {
    const { problems, unplaced } = sends('date,time,segment,template\n,25:00,s,t\n');
    expect(problems.map(({ message, location }) => [message.split(':')[0], location.column])).toEqual([
      ['calendar send is missing "date"', 1],
      ['"25', 2],
    ]);
    expect(unplaced).toEqual(['/calendar/0']);
  });

  it('reports a time column that contradicts a date with a time, at the time cell', () => {
    const { problems } = sends('date,time,segment,template\n2026-07-10T10:00,9:30,s,t\n');
    expect(problems).toEqual([{ rule: 'invalid-input', message: 'the date already has a time, and the time column says 9:30', location: at(2, 18, 2, 22) }]);
  });

  it('takes the row timezone, else inputs[].timezone', () => {
    const { plan, problems } = sends('date,tz,segment,template\n2026-07-10,Asia/Shanghai,s,t\n2026-07-11,,s,t\n', {
      kind: 'calendar',
      timezone: 'Europe/Paris',
    });
    expect(problems).toEqual([]);
    expect(plan?.calendar?.map((send) => send.timezone)).toEqual(['Asia/Shanghai', 'Europe/Paris']);
    expect(sends('date,segment,template\n2026-07-10,s,t\n').plan?.calendar?.[0]?.timezone).toBeUndefined();
  });

  it('keeps the optional columns of a send', () => {
    const { plan, problems } = sends('id,date,segment,template,channel,campaign,owner,repeat\ns1,2026-07-10,a,t,sms,summer,crm,FREQ=WEEKLY;COUNT=3\n');
    expect(problems).toEqual([]);
    expect(plan?.calendar).toEqual([
      { date: '2026-07-10', template: 't', segment: 'a', id: 's1', channel: 'sms', campaign: 'summer', owner: 'crm', repeat: 'FREQ=WEEKLY;COUNT=3' },
    ]);
  });

  it('reports an empty required cell at the row; the row goes on to the model unplaced, its other cells to be checked', () => {
    const { problems, invalid, unplaced, plan } = sends('date,segment,template\n2026-07-10,,t\n');
    expect(problems).toEqual([
      { rule: 'invalid-input', message: 'calendar send is missing "segment"', location: at(2, 1, 2, 14), ids: ['/calendar/0', 'calendar send is missing "segment"'] },
    ]);
    expect(invalid).toEqual([]);
    expect(unplaced).toEqual(['/calendar/0']);
    expect(plan?.calendar).toEqual([{ date: '2026-07-10', template: 't' }]);
  });
});

describe('readCsv: segments and templates', () => {
  it('reads a segments CSV: dotted headers into nested fields, list columns split on ; or |, yes/no as booleans', () => {
    const text = 'ID,Name,states.lease,Overlaps,suppressed,locales,events.signup\nlessees,Lessees,active,a;b|c,yes,fr-FR;en,2026-01-01\nx,,,,no,,\n';
    const { rows, problems, cell, fragment } = read(text, { kind: 'segments' });
    expect(problems).toEqual([]);
    expect(fragment?.format).toBe('csv-segments');
    expect(rows).toEqual([
      { id: 'lessees', name: 'Lessees', states: { lease: 'active' }, overlaps: ['a', 'b', 'c'], suppressed: true, locales: ['fr-FR', 'en'], events: { signup: '2026-01-01' } },
      { id: 'x', suppressed: false },
    ]);
    expect(cell('/segments/0/states/lease')).toEqual(at(2, 17, 2, 23));
    expect(cell('/segments/0/overlaps')).toEqual(at(2, 24, 2, 29));
    expect(validateFragment(fragment!).problems).toEqual([]);
  });

  it('validates segments rows, reporting at the cell', () => {
    const { fragment } = read('id,suppressed\nx,maybe\n', { kind: 'segments' });
    const message = '"suppressed" must be true or false, but it is "maybe"';
    expect(validateFragment(fragment!).problems).toEqual([{ rule: 'invalid-input', message, location: at(2, 3, 2, 8), ids: ['/segments/0/suppressed', message] }]);
  });

  it('reads a templates CSV with content.LOCALE.field headers and list columns', () => {
    const text = 'id,channels,content.fr-FR.subject,content.fr-FR.body,Expects Reply,status\nt1,email;sms,Sujet,"Bonjour, {{name}}",no,aproved\n';
    const { rows, problems, cell, fragment } = read(text, { kind: 'templates' });
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { id: 't1', channels: ['email', 'sms'], content: { 'fr-FR': { subject: 'Sujet', body: 'Bonjour, {{name}}' } }, expects_reply: false, status: 'aproved' },
    ]);
    expect(cell('/templates/0/content/fr-FR/body')).toEqual(at(2, 20, 2, 39));
    const message = '"status" must be one of draft, review, approved, but it is "aproved"; did you mean "approved"?';
    expect(validateFragment(fragment!).problems).toEqual([{ rule: 'invalid-input', message, location: at(2, 43, 2, 50), ids: ['/templates/0/status', message] }]);
  });

  it('maps template headers with inputs[].columns, including dotted targets', () => {
    const { rows, problems } = read('Name,Body\nt1,hello\n', { kind: 'templates', columns: { id: 'Name', 'content.en.body': 'Body' } });
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ id: 't1', content: { en: { body: 'hello' } } }]);
  });

  it('ignores unknown columns of a segments CSV and gives null-prototype rows', () => {
    const { rows } = read('id,__proto__,constructor,notes\nx,polluted,polluted,n\n', { kind: 'segments' });
    expect(rows).toEqual([{ id: 'x' }]);
    expect(Object.getPrototypeOf(rows?.[0])).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
