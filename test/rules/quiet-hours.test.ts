import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'quiet-hours';

const segments = lines(
  'segments:',
  '  - id: paris',
  '    timezone: Europe/Paris',
  '    locales: [fr-FR]',
  '  - id: paris-en',
  '    parent: paris',
  '    locales: [en-GB]',
  '  - id: paris-de',
  '    parent: paris',
  '    locales: [de-DE]',
  '  - id: travellers',
  '    timezones: [Europe/Paris, Asia/Shanghai]',
  '  - id: new-york',
  '    timezone: America/New_York',
);

const templates = lines(
  'templates:',
  '  - {id: alert-sms, channel: sms, intent: reminder}',
  '  - {id: promo-push, channel: push, intent: promotion}',
  '  - {id: news-email, channel: email, intent: newsletter}',
);

const plan = (...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
});

const messages = async (files: Record<string, string>): Promise<string[]> => (await findingsOf(rule, files)).map((f) => f.message);

describe('quiet-hours', () => {
  it('reports an SMS at night once, for every segment that gets it at that hour', async () => {
    expect(await findingsOf(rule, plan('  - {id: late-alert, date: "2026-07-05T22:00", segment: paris, template: alert-sms}'))).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'warning',
        message: 'alert-sms (reminder, sms) on 2026-07-05 22:00 CEST falls in the quiet hours 21:00–08:00 of sms (22:00 in Europe/Paris) for segments paris, paris-de, paris-en',
        segments: ['paris', 'paris-de', 'paris-en'],
        at: '2026-07-05T22:00:00.000+02:00',
      },
    ]);
  });

  it('includes the start and excludes the end of the quiet hours', async () => {
    expect(
      await messages(
        plan(
          '  - {date: "2026-07-05T20:59", segment: new-york, template: alert-sms}',
          '  - {date: "2026-07-05T21:00", segment: new-york, template: alert-sms}',
          '  - {date: "2026-07-06T07:59", segment: new-york, template: alert-sms}',
          '  - {date: "2026-07-06T08:00", segment: new-york, template: alert-sms}',
        ),
      ),
    ).toEqual([
      'alert-sms (reminder, sms) on 2026-07-05 21:00 EDT falls in the quiet hours 21:00–08:00 of sms (21:00 in America/New_York) for segment new-york',
      'alert-sms (reminder, sms) on 2026-07-06 07:59 EDT falls in the quiet hours 21:00–08:00 of sms (07:59 in America/New_York) for segment new-york',
    ]);
  });

  it('does not report channels without quiet hours, or daytime sends', async () => {
    expect(
      await messages(
        plan('  - {date: "2026-07-05T23:30", segment: paris, template: news-email}', '  - {date: "2026-07-05T12:00", segment: paris, template: promo-push}'),
      ),
    ).toEqual([]);
  });

  it('checks every time zone of the segment, naming the one where the send falls at night', async () => {
    expect(
      await findingsOf(
        rule,
        plan('  - {date: "2026-07-05T20:00", timezone: Europe/Paris, segment: travellers, template: promo-push}', '  - {date: "2026-07-05T13:00", timezone: Europe/Paris, segment: travellers, template: promo-push}'),
      ),
    ).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'warning',
        message: 'promo-push (promotion, push) on 2026-07-05 20:00 CEST falls in the quiet hours 21:00–08:00 of push (2026-07-06 02:00 in Asia/Shanghai) for segment travellers',
        segments: ['travellers'],
        at: '2026-07-05T20:00:00.000+02:00',
      },
    ]);
  });

  it('reads local times across a daylight-saving change', async () => {
    // 06:30 UTC is 07:30 in Paris on 28 March (CET, quiet) but 08:30 on 29 March (CEST, fine).
    expect(await messages(plan('  - {date: "2026-03-28T06:30", timezone: UTC, repeat: "FREQ=DAILY;COUNT=2", segment: paris, template: alert-sms}'))).toEqual([
      'alert-sms (reminder, sms) on 2026-03-28 06:30 UTC falls in the quiet hours 21:00–08:00 of sms (07:30 in Europe/Paris) for segments paris, paris-de, paris-en',
    ]);
    // In New York the clocks go forward on 8 March at 02:00 local: 01:30 UTC on 8 March is 20:30 EST (7 March, fine),
    // 01:30 UTC on 9 March is 21:30 EDT (8 March, quiet).
    expect(await messages(plan('  - {date: "2026-03-08T01:30", timezone: UTC, repeat: "FREQ=DAILY;COUNT=2", segment: new-york, template: alert-sms}'))).toEqual([
      'alert-sms (reminder, sms) on 2026-03-09 01:30 UTC falls in the quiet hours 21:00–08:00 of sms (2026-03-08 21:30 in America/New_York) for segment new-york',
    ]);
  });

  it('counts a recurring night send once', async () => {
    expect(await messages(plan('  - {date: "2026-07-01T22:30", repeat: "FREQ=WEEKLY;COUNT=3", segment: new-york, template: alert-sms}'))).toEqual([
      'alert-sms (reminder, sms) on 2026-07-01 22:30 EDT (and 2 later occurrences) falls in the quiet hours 21:00–08:00 of sms (22:30 in America/New_York) for segment new-york',
    ]);
  });

  it('checks journeys on their relative timeline at the time of day they would send', async () => {
    const journeys = lines(
      'journeys:',
      '  - id: welcome',
      '    entry: {segment: new-york, event: signup}',
      '    steps:',
      '      - send: alert-sms',
      '      - wait: PT14H',
      '      - send: alert-sms',
    );
    expect(await findingsOf(rule, { ...plan(), 'calendar.yaml': '', 'journeys.yaml': journeys })).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 7,
        column: 9,
        severity: 'warning',
        message: 'alert-sms (reminder, sms) at signup+14h falls in the quiet hours 21:00–08:00 of sms (23:00 in America/New_York) for segment new-york',
        segments: ['new-york'],
        after: { event: 'signup', offset: 'PT14H' },
      },
    ]);
  });

  it('a relative run and a dated one at the same instant are two problems: the relative one is never dated by where it was placed', async () => {
    // The relative run of the parent is placed at the horizon's start, 09:00 on the child's signup day: its send
    // falls at the dated run's instant. It is reported after its event, whatever the horizon; the dated one at its date.
    const files = {
      'plan.yaml': lines(
        'segments:',
        '  - {id: members, timezone: Europe/Paris}',
        '  - {id: march, parent: members, events: {signup: 2026-03-02}}',
        'templates:',
        '  - {id: w, channel: sms, intent: welcome}',
        'journeys:',
        '  - id: j',
        '    entry: {segment: members, event: signup}',
        '    steps:',
        '      - wait: PT14H',
        '      - send: w',
      ),
    };
    const expected = [
      { rule, file: 'plan.yaml', line: 11, column: 9, severity: 'warning', message: 'w (welcome, sms) at signup+14h falls in the quiet hours 21:00–08:00 of sms (23:00 in Europe/Paris) for segment members', segments: ['members'], after: { event: 'signup', offset: 'PT14H' } },
      { rule, file: 'plan.yaml', line: 11, column: 9, severity: 'warning', message: 'w (welcome, sms) on 2026-03-02 23:00 CET falls in the quiet hours 21:00–08:00 of sms (23:00 in Europe/Paris) for segment march', segments: ['march'], at: '2026-03-02T23:00:00.000+01:00' },
    ];
    expect(await findingsOf(rule, files)).toEqual(expected);
    expect(await findingsOf(rule, files, { from: '2026-03-01' })).toEqual(expected);
  });

  it('takes start, end, channels and per-channel hours from the options', async () => {
    const config = lines(
      'extends: cxlint:recommended',
      'rules:',
      '  quiet-hours: [error, {start: "22:00", end: "07:00", channels: [sms, email], byChannel: {push: {start: "20:00", end: "09:00"}}}]',
    );
    const found = await findingsOf(rule, {
      ...plan(
        '  - {date: "2026-07-05T21:30", segment: new-york, template: alert-sms}',
        '  - {date: "2026-07-05T22:30", segment: new-york, template: news-email}',
        '  - {date: "2026-07-05T20:30", segment: new-york, template: promo-push}',
        '  - {date: "2026-07-06T07:00", segment: new-york, template: alert-sms}',
      ),
      'cxlint.config.yaml': config,
    });
    expect(found.map((f) => [f.line, f.severity, f.message])).toEqual([
      [3, 'error', 'news-email (newsletter, email) on 2026-07-05 22:30 EDT falls in the quiet hours 22:00–07:00 of email (22:30 in America/New_York) for segment new-york'],
      [4, 'error', 'promo-push (promotion, push) on 2026-07-05 20:30 EDT falls in the quiet hours 20:00–09:00 of push (20:30 in America/New_York) for segment new-york'],
    ]);
  });

  it('applies overrides by segment and by campaign', async () => {
    const config = lines(
      'extends: cxlint:recommended',
      'overrides:',
      '  - segments: [paris-en]',
      '    rules: {quiet-hours: [warning, {start: "23:00"}]}',
      '  - campaigns: [night-owls]',
      '    rules: {quiet-hours: [warning, {channels: []}]}',
    );
    const found = await findingsOf(rule, {
      ...plan('  - {date: "2026-07-05T22:00", segment: paris, template: alert-sms}', '  - {date: "2026-07-05T23:30", segment: paris, template: alert-sms, campaign: night-owls}'),
      'cxlint.config.yaml': config,
    });
    expect(found).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'warning',
        message: 'alert-sms (reminder, sms) on 2026-07-05 22:00 CEST falls in the quiet hours 21:00–08:00 of sms (22:00 in Europe/Paris) for segments paris, paris-de',
        segments: ['paris', 'paris-de'],
        at: '2026-07-05T22:00:00.000+02:00',
      },
    ]);
  });

  it('rejects options that are not quiet hours', async () => {
    const config = lines('extends: cxlint:recommended', 'rules:', '  quiet-hours: [warning, {start: "9pm"}]');
    await expect(findingsOf(rule, { ...plan(), 'cxlint.config.yaml': config })).rejects.toThrow(/quiet-hours/);
  });
});
