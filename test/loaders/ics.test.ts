import { describe, expect, it } from 'vitest';
import { icsAdapter } from '../../src/loaders/adapters/ics.js';
import type { InputMappingOptions } from '../../src/loaders/adapters/types.js';
import { loadBytes } from '../../src/loaders/index.js';
import { lintTexts } from '../../src/engine/lint.js';

const F = 'cal.ics';
const at = (line: number, column: number, endLine: number, endColumn: number) => ({ file: F, line, column, endLine, endColumn });
const problem = (message: string, location: ReturnType<typeof at>) => ({ rule: 'invalid-input', message, location, ids: [message] });

/** An .ics file from its lines, with CRLF line ends as every calendar tool writes them. */
const ics = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;
const calendar = (...events: string[][]): string => ics('BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flat(), 'END:VCALENDAR');
const event = (...lines: string[]): string[] => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

function read(text: string, options: InputMappingOptions = {}) {
  const output = icsAdapter.binary ? undefined : icsAdapter.read({ file: F, absolutePath: F, bytes: Buffer.from(text), text, explicit: false, options });
  const fragment = output?.fragments[0];
  return {
    problems: output?.problems,
    sends: (fragment?.value as { calendar?: unknown[] } | undefined)?.calendar,
    at: (pointer: string) => fragment?.positions.get(pointer)?.value,
  };
}

const PLAN = `segments:
  - {id: lessees, name: Lessees EU}
templates:
  - {id: newsletter, channel: email, intent: newsletter}
  - {id: offer-sms, channel: sms, intent: promotion}
`;

/** The instants of the sends on segment lessees' timeline, the calendar linted with PLAN: where its repeats fall. */
const sendTimes = (text: string) =>
  lintTexts({ 'plan.yaml': PLAN, [F]: text }, { view: true })
    .view?.segments.find(({ id }) => id === 'lessees')
    ?.sends.map(([millis]) => new Date(millis).toISOString());

describe('ics adapter: events as calendar sends (ADAPTERS.md §3)', () => {
  it('reads a Google Calendar export: description lines, TZID, RRULE, EXDATE, UID; a cancelled event is no send', () => {
    const { sends, problems } = read(
      calendar(
        ['X-WR-TIMEZONE:Europe/Paris'],
        event(
          'DTSTART;TZID=Europe/Paris:20260107T093000',
          'RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=1WE',
          'EXDATE;TZID=Europe/Paris:20260401T093000,20260506T093000',
          'UID:n1@google.com',
          'DESCRIPTION:Tips.\\ntemplate: newsletter\\nsegment: lessees\\nowner: crm-t',
          ' eam\\ncampaign: service-2026',
          'SUMMARY:Service newsletter',
        ),
        event('dtstart;value=date:20260320', 'status:cancelled', 'DESCRIPTION:template: offer-sms\\nsegment: lessees'),
      ),
    );
    expect(problems).toEqual([]);
    expect(sends).toEqual([
      {
        id: 'n1@google.com',
        date: '2026-01-07T09:30:00',
        timezone: 'Europe/Paris',
        template: 'newsletter',
        segment: 'lessees',
        owner: 'crm-team',
        campaign: 'service-2026',
        repeat: 'FREQ=MONTHLY;COUNT=6;BYDAY=1WE',
        except: ['2026-04-01T09:30:00', '2026-05-06T09:30:00'],
      },
    ]);
  });

  it('maps Windows zone names (Outlook) to IANA ones, with or without a VTIMEZONE, and reads UTC times as UTC', () => {
    const { sends, problems } = read(
      calendar(
        event('DTSTART;TZID=W. Europe Standard Time:20260306T100000', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
        event('DTSTART;TZID="Romance Standard Time":20260306T100000', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
        event('DTSTART:20260320T203000Z', 'DESCRIPTION:template: offer-sms\\nsegment: lessees'),
      ),
    );
    expect(problems).toEqual([]);
    expect(sends).toEqual([
      { date: '2026-03-06T10:00:00', timezone: 'Europe/Berlin', template: 'newsletter', segment: 'lessees' },
      { date: '2026-03-06T10:00:00', timezone: 'Europe/Paris', template: 'newsletter', segment: 'lessees' },
      { date: '2026-03-20T20:30:00Z', template: 'offer-sms', segment: 'lessees' },
    ]);
  });

  it('reads floating times in X-WR-TIMEZONE, else inputs[].timezone, else leaves the zone to the segment and config', () => {
    const floating = event('DTSTART:20260306T100000', 'DESCRIPTION:template: newsletter\\nsegment: lessees');
    expect(read(calendar(['X-WR-TIMEZONE:America/Chicago'], floating), { timezone: 'Asia/Tokyo' }).sends).toEqual([
      { date: '2026-03-06T10:00:00', timezone: 'America/Chicago', template: 'newsletter', segment: 'lessees' },
    ]);
    expect(read(calendar(floating), { timezone: 'Asia/Tokyo' }).sends).toEqual([{ date: '2026-03-06T10:00:00', timezone: 'Asia/Tokyo', template: 'newsletter', segment: 'lessees' }]);
    expect(read(calendar(floating)).sends).toEqual([{ date: '2026-03-06T10:00:00', template: 'newsletter', segment: 'lessees' }]);
  });

  it('never makes an unknown TZID floating: an error at the zone name that says how to set inputs[].timezone', () => {
    const text = calendar(event('DTSTART;TZID=Customized Time Zone:20260306T100000', 'DESCRIPTION:template: newsletter\\nsegment: lessees'));
    const { sends, problems } = read(text);
    expect(sends).toEqual([]);
    expect(problems).toEqual([
      problem(
        'time zone "Customized Time Zone" is no IANA or Windows zone name and the file has no VTIMEZONE for it: set inputs[].timezone for this file in cxlint.config.yaml (e.g. timezone: Europe/Paris), or give the event an IANA TZID',
        at(4, 14, 4, 34),
      ),
    ]);
    expect(read(text, { timezone: 'Europe/Madrid' }).sends).toEqual([{ date: '2026-03-06T10:00:00', timezone: 'Europe/Madrid', template: 'newsletter', segment: 'lessees' }]);
  });

  it("reads a one-off time through the file's own VTIMEZONE as an instant; a repeat in such a zone is an error", () => {
    const zone = ['BEGIN:VTIMEZONE', 'TZID:Customized Time Zone', 'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD', 'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT', 'END:VTIMEZONE'];
    const { sends, problems } = read(
      calendar(
        zone,
        event('DTSTART;TZID=Customized Time Zone:20260706T100000', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
        event('DTSTART;TZID=Customized Time Zone:20260706T100000', 'RRULE:FREQ=WEEKLY', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
      ),
    );
    expect(sends).toEqual([{ date: '2026-07-06T08:00:00Z', template: 'newsletter', segment: 'lessees' }]);
    expect(problems?.map((found) => [found.message, found.location.line, found.location.column])).toEqual([
      [
        `time zone "Customized Time Zone" is defined only by this file's VTIMEZONE, whose clock changes a repeat cannot follow: set inputs[].timezone for this file in cxlint.config.yaml (e.g. timezone: Europe/Paris), or give the event an IANA TZID`,
        23,
        14,
      ],
    ]);
  });

  it('turns RDATEs into sends of their own, and an override (RECURRENCE-ID) into an exception and a send', () => {
    const { sends, problems } = read(
      calendar(
        event('UID:s1', 'DTSTART;TZID=Europe/Paris:20260105T090000', 'RRULE:FREQ=WEEKLY;COUNT=4', 'RDATE;TZID=Europe/Paris:20260110T120000', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
        event('UID:s1', 'RECURRENCE-ID;TZID=Europe/Paris:20260112T090000', 'DTSTART;TZID=Europe/Paris:20260113T180000', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
      ),
    );
    expect(problems).toEqual([]);
    expect(sends).toEqual([
      { id: 's1', date: '2026-01-05T09:00:00', timezone: 'Europe/Paris', template: 'newsletter', segment: 'lessees', repeat: 'FREQ=WEEKLY;COUNT=4', except: ['2026-01-12T09:00:00'] },
      { date: '2026-01-10T12:00:00', timezone: 'Europe/Paris', template: 'newsletter', segment: 'lessees' },
      { id: 's1#20260112T090000', date: '2026-01-13T18:00:00', timezone: 'Europe/Paris', template: 'newsletter', segment: 'lessees' },
    ]);
  });

  it('reads the properties inputs[].columns maps: a list property item by item, a /pattern/ by its first group', () => {
    const { sends, problems, at: where } = read(
      calendar(event('SUMMARY:[offer-sms] Spring offer', 'CATEGORIES:lessees,vip', 'X-CHANNEL:sms', 'DTSTART:20260306T100000Z')),
      { columns: { template: 'SUMMARY /^\\[(\\S+)\\]/', segment: 'CATEGORIES', channel: 'X-CHANNEL' } },
    );
    expect(problems).toEqual([]);
    expect(sends).toEqual([{ date: '2026-03-06T10:00:00Z', template: 'offer-sms', segments: ['lessees', 'vip'], channel: 'sms' }]);
    expect(where('/calendar/0/template')).toEqual(at(4, 10, 4, 19));
    expect(where('/calendar/0/segments/0')).toEqual(at(5, 12, 5, 19));
    const bad = read(calendar(event('DTSTART:20260306T100000Z')), { columns: { template: 'SUMMARY /(/' } });
    expect(bad.problems?.[0]?.message).toMatch(/^inputs\[\]\.columns\.template: "SUMMARY \/\(\/": Invalid regular expression/);
  });

  it('says how to name a missing segment or template, at BEGIN:VEVENT', () => {
    expect(read(calendar(event('DTSTART:20260306T100000Z', 'SUMMARY:Spring offer', 'DESCRIPTION:segment: lessees'))).problems).toEqual([
      problem('this event names no template: write "template: <id>" on a line of its description, or map a property with inputs[].columns.template (docs/adapters.md)', at(3, 1, 3, 13)),
    ]);
  });
});

describe('ics adapter: positions in the original file', () => {
  it('points findings at the property value, on the physical line of a folded description', () => {
    const files = {
      'plan.yaml': PLAN,
      [F]: calendar(event('DTSTART;TZID=Europe/Paris:20260306T100000', 'DESCRIPTION:Spring reminder for everyone who leases a car with us this', ' year.\\ntemplate: newsleter\\nsegment: Lessees EU')),
    };
    const { findings } = lintTexts(files);
    expect(findings.map(({ rule, severity, message, location }) => ({ rule, severity, message, location }))).toEqual([
      { rule: 'unknown-reference', severity: 'error', message: 'unknown template "newsleter"; did you mean "newsletter"?', location: at(6, 19, 6, 28) },
      { rule: 'unknown-reference', severity: 'info', message: 'segment "Lessees EU" is the name of segment lessees: read as lessees', location: at(6, 39, 6, 49) },
    ]);
  });

  it('reports a broken structure at its line: an unterminated BEGIN, a stray END, a line that is no content line', () => {
    expect(read(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20260306T100000Z')).problems).toEqual([
      problem('BEGIN:VEVENT is never ended: END:VEVENT is missing (is the file cut short?)', at(2, 1, 2, 13)),
    ]);
    expect(read(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VTODO', 'END:VCALENDAR')).problems).toEqual([
      problem('END:VTODO does not match: it closes BEGIN:VEVENT of line 2', at(3, 1, 3, 10)),
    ]);
    expect(read(calendar(event('DTSTART:20260306T100000Z', 'BADLINE'))).problems).toEqual([
      problem('not an iCalendar content line: write NAME:value (or NAME;PARAMETER=…:value), and start a continued line with a space', at(5, 1, 5, 8)),
    ]);
    expect(read('segments: []\n').problems).toEqual([problem('not an iCalendar file: its first line must be BEGIN:VCALENDAR', at(1, 1, 1, 13))]);
    expect(read(calendar(event('DTSTART:2026-03-06', 'DESCRIPTION:template: newsletter\\nsegment: lessees'))).problems).toEqual([
      problem('DTSTART "2026-03-06" is not an iCalendar date (20260107) or date-time (20260107T093000, or …Z for UTC)', at(4, 9, 4, 19)),
    ]);
  });

  it('is picked by the .ics name, or by inputs[].format for another name', () => {
    const text = calendar(event('DTSTART:20260306T100000Z', 'DESCRIPTION:template: newsletter\\nsegment: lessees'));
    const byName = loadBytes({ file: F, absolutePath: F, explicit: false }, Buffer.from(text), undefined);
    const byFormat = loadBytes({ file: 'cal.txt', absolutePath: 'cal.txt', explicit: false }, Buffer.from(text), { format: 'ics' });
    for (const loaded of [byName, byFormat]) expect(loaded.fragments.map((fragment) => fragment.value)).toEqual([{ calendar: [{ date: '2026-03-06T10:00:00Z', template: 'newsletter', segment: 'lessees' }] }]);
  });
});

describe('ics adapter: RRULE', () => {
  const weekly = (dtstart: string, rule: string): string => calendar(event(`DTSTART;TZID=${dtstart}`, `RRULE:${rule}`, 'DESCRIPTION:template: newsletter\\nsegment: lessees'));
  const repeatOf = (text: string) => (read(text).sends as Array<{ repeat?: string }>)[0]?.repeat;

  it('reads a UTC UNTIL as the instant it is (RFC 5545): the Monday at 07:30Z, 09:30 in Paris, is the last send', () => {
    const text = weekly('Europe/Paris:20260601T093000', 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260622T073000Z');
    expect(repeatOf(text)).toBe('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260622T093000');
    expect(sendTimes(text)).toEqual(['2026-06-01T07:30:00.000Z', '2026-06-08T07:30:00.000Z', '2026-06-15T07:30:00.000Z', '2026-06-22T07:30:00.000Z']);
  });

  it("ends a repeat west of UTC at the UTC UNTIL: 12:00Z is 08:00 in New York, before that Monday's 09:30", () => {
    const text = weekly('America/New_York:20260601T093000', 'FREQ=WEEKLY;UNTIL=20260622T120000Z;BYDAY=MO');
    expect(repeatOf(text)).toBe('FREQ=WEEKLY;UNTIL=20260622T080000;BYDAY=MO');
    expect(sendTimes(text)).toEqual(['2026-06-01T13:30:00.000Z', '2026-06-08T13:30:00.000Z', '2026-06-15T13:30:00.000Z']);
    // A floating or date-only UNTIL is wall-clock time already.
    expect(repeatOf(weekly('America/New_York:20260601T093000', 'FREQ=WEEKLY;UNTIL=20260622T080000'))).toBe('FREQ=WEEKLY;UNTIL=20260622T080000');
    expect(repeatOf(weekly('America/New_York:20260601T093000', 'FREQ=WEEKLY;UNTIL=20260622'))).toBe('FREQ=WEEKLY;UNTIL=20260622');
  });

  // ical.js throws on these as it parses the file, which would leave every event of it unread.
  it.each([
    ['FREQ=WEEKLY;COUNT=3;BYDAY=XX', 'BYDAY "XX" is not a weekday (MO, TU, WE, TH, FR, SA, SU, with an optional ordinal such as 1MO or -1FR)'],
    ['FREQ=FORTNIGHTLY;BYDAY=MO', 'FREQ "FORTNIGHTLY" is not a frequency (YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY)'],
    ['FREQ=WEEKLY;COUNT=abc', 'COUNT "abc" must be a whole number, 1 or more'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH "13" is not a month (1 to 12)'],
  ])('reports %s at its value, as any repeat, and reads the other events', (rule, why) => {
    const text = calendar(
      event('UID:once', 'DTSTART;TZID=Europe/Paris:20260601T093000', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
      event('UID:twice', 'DTSTART;TZID=Europe/Paris:20260615T093000', 'RRULE:FREQ=WEEKLY;COUNT=2', 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
      event('UID:bad', 'DTSTART;TZID=Europe/Paris:20260603T093000', `RRULE:${rule}`, 'DESCRIPTION:template: newsletter\\nsegment: lessees'),
    );
    const { findings } = lintTexts({ 'plan.yaml': PLAN, [F]: text });
    // Line 17 is the third event's RRULE, whose value starts at column 7.
    expect(findings.map(({ rule: id, severity, message, location }) => ({ rule: id, severity, message, location }))).toEqual([
      { rule: 'invalid-input', severity: 'error', message: `repeat "${rule}": ${why}`, location: at(17, 7, 17, 7 + rule.length) },
    ]);
    // As a plan file's send with a bad repeat, the event is on no timeline.
    expect(sendTimes(text)).toEqual(['2026-06-01T07:30:00.000Z', '2026-06-15T07:30:00.000Z', '2026-06-22T07:30:00.000Z']);
  });
});

describe('except: occurrences of a repeat that are not sent (EXDATE)', () => {
  const plan = (except: string) => ({
    'plan.yaml': `${PLAN}calendar:\n  - {id: daily, date: 2026-03-02T09:00, timezone: Europe/Paris, segment: lessees, template: newsletter, repeat: FREQ=DAILY;COUNT=3${except}}\n`,
  });
  const duplicates = (files: Record<string, string>) =>
    lintTexts(files)
      .findings.filter((finding) => finding.rule !== 'frequency-cap')
      .map((finding) => `${finding.rule} ${finding.at ?? ''} ${finding.location.line}:${finding.location.column}${/\(and (\d+) later/.exec(finding.message)?.[1]?.replace(/^/, ' +') ?? ''}`);

  it('takes the occurrences it lists off the timeline, each read in the send zone as date is', () => {
    // The row repeats itself: one finding at its first repeat, counting the later one.
    expect(duplicates(plan(''))).toEqual(['duplicate-message 2026-03-03T09:00:00.000+01:00 7:5 +1']);
    expect(duplicates(plan(', except: [2026-03-03T09:00]'))).toEqual(['duplicate-message 2026-03-04T09:00:00.000+01:00 7:5']);
    // A date alone is the occurrence of that day; an instant with an offset is matched as an instant.
    expect(duplicates(plan(', except: [2026-03-03, 2026-03-04T08:00:00Z]'))).toEqual([]);
  });

  it('is an error on a send that does not repeat', () => {
    const { findings } = lintTexts({ 'plan.yaml': `${PLAN}calendar:\n  - {date: 2026-03-02T09:00, segment: lessees, template: newsletter, except: [2026-03-03]}\n` });
    expect(findings.map((finding) => `${finding.rule} ${finding.message} ${finding.location.line}:${finding.location.column}`)).toEqual([
      'invalid-input except lists occurrences of a repeat, and this send has no repeat 7:78',
    ]);
  });
});
