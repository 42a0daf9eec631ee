import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { tempFolder } from '../temp-folders.js';
import { brief, findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'state-conflict';

const templates = lines(
  'templates:',
  '  - id: upgrade-email',
  '    channel: email',
  '    intent: upsell',
  '    requires: {lease: active}',
  '    content: {en-US: {body: "Upgrade now"}}',
  '  - id: promo-sms',
  '    channel: sms',
  '    intent: promotion',
  '    content: {en-US: {body: "Sale"}}',
  '  - id: service-email',
  '    channel: email',
  '    intent: service_reminder',
  '    forbids: {vehicle: returned}',
  '    content: {en-US: {body: "Book a service"}}',
  '  - id: news',
  '    channel: email',
  '    intent: newsletter',
  '    content: {en-US: {body: "News"}}',
);

const segments = lines(
  'segments:',
  '  - id: lessees',
  '    timezone: America/Chicago',
  '    locales: [en-US]',
  '    states: {lease: active, service_case: closed}',
  '  - id: june-a',
  '    parent: lessees',
  '    events: {lease_end: 2026-06-30}',
  '  - id: june-b',
  '    parent: lessees',
  '    events: {lease_end: 2026-06-30}',
);

describe('state-conflict', () => {
  it('reports an upsell after the lease ended once, for every segment where it ended', async () => {
    const calendar = lines(
      'calendar:',
      '  - id: early-upgrade',
      '    date: 2026-06-29T09:00',
      '    segment: lessees',
      '    template: upgrade-email',
      '  - id: jul-upgrade',
      '    date: 2026-07-05T09:00',
      '    segment: lessees',
      '    template: upgrade-email',
    );
    expect(await findingsOf(rule, { 'segments.yaml': segments, 'templates.yaml': templates, 'calendar.yaml': calendar })).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'upgrade-email (upsell, email) on 2026-07-05 09:00 CDT requires lease=active, but lease=ended since 2026-06-30 for segments june-a, june-b',
        segments: ['june-a', 'june-b'],
        at: '2026-07-05T09:00:00.000-05:00',
      },
    ]);
  });

  it('one recurring row is one finding when its segments meet the conflict at different occurrences, each cause with its first', async () => {
    const plan = lines(
      'segments:',
      '  - {id: lessees, timezone: America/Chicago, states: {lease: active}}',
      '  - {id: may, parent: lessees, events: {lease_end: 2026-05-31}}',
      '  - {id: june, parent: lessees, events: {lease_end: 2026-06-30}}',
      'templates:',
      '  - {id: upg, channel: email, intent: upsell, requires: {lease: active}, content: {en-US: {body: upgrade}}}',
      'calendar:',
      '  - {date: 2026-05-04, segment: lessees, template: upg, repeat: FREQ=WEEKLY;COUNT=10}',
    );
    const found = (await findingsOf(rule, { 'plan.yaml': plan })).map(({ line, message, segments, at }) => ({ line, message, segments, at }));
    expect(found).toEqual([
      {
        line: 8,
        message:
          'upg (upsell, email) requires lease=active, but lease=ended since 2026-05-31 for segment may (on 2026-06-01 09:00 CDT, and 5 later occurrences); ' +
          'and lease=ended since 2026-06-30 for segment june (on 2026-07-06 09:00 CDT)',
        segments: ['june', 'may'],
        at: '2026-06-01T09:00:00.000-05:00',
      },
    ]);
  });

  it('names at most ten causes one by one, and counts the others with their segments', async () => {
    const cohorts = Array.from({ length: 12 }, (_, index) => `  - {id: c${String(index + 1).padStart(2, '0')}, parent: lessees, events: {lease_end: 2026-05-${String(index + 1).padStart(2, '0')}}}`);
    const plan = lines(
      'segments:',
      '  - {id: lessees, timezone: UTC, states: {lease: active}}',
      ...cohorts,
      'templates:',
      '  - {id: upg, channel: email, intent: upsell, requires: {lease: active}}',
      'calendar:',
      '  - {date: 2026-07-01, segment: lessees, template: upg}',
    );
    const [finding] = await findingsOf(rule, { 'plan.yaml': plan });
    const causes = finding!.message.split('; and ');
    expect(causes).toHaveLength(11);
    expect(causes[0]).toBe('upg (upsell, email) on 2026-07-01 09:00 UTC requires lease=active, but lease=ended since 2026-05-01 for segment c01');
    expect(causes[10]).toBe('2 more causes for segments c11, c12');
    expect(finding!.segments).toHaveLength(12);
  });

  it("a finding's fingerprint does not depend on the order the segments are written in", async () => {
    const segmentLines = ['  - {id: a, timezone: UTC, events: {lease_end: 2026-05-31}}', '  - {id: b, timezone: UTC, states: {lease: ended}}'];
    const planWith = (order: string[]) =>
      lines('segments:', ...order, 'templates:', '  - {id: upg, channel: email, intent: upsell, requires: {lease: active}}', 'calendar:', '  - {date: 2026-07-01, segments: [a, b], template: upg}');
    const { lintTexts } = await import('../../src/engine/lint.js');
    const fingerprints = [segmentLines, [...segmentLines].reverse()].map((order) => lintTexts({ 'plan.yaml': planWith(order) }).findings.filter((f) => f.rule === rule).map((f) => f.fingerprint));
    expect(fingerprints[0]).toHaveLength(1);
    expect(fingerprints[1]).toEqual(fingerprints[0]);
  });

  it('names the related dated event', async () => {
    const calendar = lines('calendar:', '  - {date: 2026-07-05, segment: june-a, template: upgrade-email}');
    const { lintFiles } = await import('./helpers.js');
    const findings = (await lintFiles({ 'segments.yaml': segments, 'templates.yaml': templates, 'calendar.yaml': calendar })).filter((f) => f.rule === rule);
    expect(findings.map((f) => [f.related, f.at])).toEqual([
      [[{ file: 'segments.yaml', line: 8, column: 25, message: 'lease_end on 2026-06-30' }], '2026-07-05T09:00:00.000-05:00'],
    ]);
  });

  it("applies the intent's forbids: a promotion during an open service case, from the instant the case opens", async () => {
    const plan = lines(
      'segments:',
      '  - id: owners',
      '    timezone: Europe/Paris',
      '    states: {service_case: closed}',
      '    events: {case_opened: 2026-07-01, case_closed: 2026-07-10}',
      'calendar:',
      '  - {date: "2026-06-30T23:59", segment: owners, template: promo-sms}',
      '  - {date: "2026-07-01T00:00", segment: owners, template: promo-sms}',
      '  - {date: 2026-07-10, segment: owners, template: promo-sms}',
    );
    expect(await findingsOf(rule, { 'plan.yaml': plan, 'templates.yaml': templates })).toEqual([
      {
        rule,
        file: 'plan.yaml',
        line: 8,
        column: 5,
        severity: 'error',
        message: 'promo-sms (promotion, sms) on 2026-07-01 00:00 CEST forbids service_case=open (intent promotion), but service_case=open since 2026-07-01 for segment owners',
        segments: ['owners'],
        at: '2026-07-01T00:00:00.000+02:00',
      },
    ]);
  });

  it('reports a service reminder after the car was returned, and a state given from the start: one send, one finding naming each cause with its segments', async () => {
    const plan = lines(
      'segments:',
      '  - id: returned',
      '    timezone: UTC',
      '    events: {vehicle_returned: 2026-07-07}',
      '  - id: sold',
      '    timezone: UTC',
      '    states: {vehicle: sold}',
      'templates:',
      '  - id: service-any',
      '    channel: email',
      '    intent: service_reminder',
      '    forbids: {vehicle: [returned, sold]}',
      'calendar:',
      '  - {date: 2026-07-10, segments: [returned, sold], template: service-any}',
    );
    expect(await findingsOf(rule, { 'plan.yaml': plan })).toEqual([
      {
        rule,
        file: 'plan.yaml',
        line: 14,
        column: 5,
        severity: 'error',
        message:
          'service-any (service_reminder, email) on 2026-07-10 09:00 UTC forbids vehicle in [returned, sold], but vehicle=returned since 2026-07-07 for segment returned; and vehicle=sold (initial state of sold) for segment sold',
        segments: ['returned', 'sold'],
        at: '2026-07-10T09:00:00.000Z',
      },
    ]);
    const { lintFiles } = await import('./helpers.js');
    const [finding] = (await lintFiles({ 'plan.yaml': plan })).filter((found) => found.rule === rule);
    expect(finding?.related.map(({ line, message }) => [line, message])).toEqual([
      [4, 'vehicle_returned on 2026-07-07'],
      [7, 'initial state vehicle=sold'],
    ]);
  });

  it('does not report a send before the change, a send without conditions, or a state the segment never has', async () => {
    const plan = lines(
      'segments:',
      '  - id: unknown-lease',
      '    timezone: UTC',
      'calendar:',
      '  - {date: 2026-06-29, segment: june-a, template: upgrade-email}',
      '  - {date: 2026-07-05, segment: june-a, template: news}',
      '  - {date: 2026-07-05, segment: unknown-lease, template: upgrade-email}',
    );
    expect(await findingsOf(rule, { 'segments.yaml': segments, 'plan.yaml': plan, 'templates.yaml': templates })).toEqual([]);
  });

  it('counts a recurring send once, naming its first occurrence', async () => {
    const calendar = lines('calendar:', '  - {id: weekly, date: 2026-06-22, repeat: "FREQ=WEEKLY;COUNT=4", segment: june-a, template: upgrade-email}');
    expect(await findingsOf(rule, { 'segments.yaml': segments, 'templates.yaml': templates, 'calendar.yaml': calendar })).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'error',
        message: 'upgrade-email (upsell, email) on 2026-07-06 09:00 CDT (and 1 later occurrence) requires lease=active, but lease=ended since 2026-06-30 for segment june-a',
        segments: ['june-a'],
        at: '2026-07-06T09:00:00.000-05:00',
      },
    ]);
  });

  it('reads the states of the segment a send is addressed to, not those of a segment declared to overlap it', async () => {
    const plan = lines(
      'segments:',
      '  - id: vip',
      '    timezone: America/Chicago',
      '    overlaps: [june-a]',
      'calendar:',
      '  - {date: 2026-07-05, segment: vip, template: upgrade-email}',
    );
    expect(await findingsOf(rule, { 'segments.yaml': segments, 'plan.yaml': plan, 'templates.yaml': templates })).toEqual([]);
  });

  describe('journeys', () => {
    const journey = lines(
      'journeys:',
      '  - id: wrap-up',
      '    entry: {segment: lessees, date: 2026-05-01}',
      '    steps:',
      '      - branch:',
      '          - when: {event: replied, within: P1D}',
      '            next: close',
      '          - otherwise: true',
      '            next: offer',
      '      - id: close',
      '        set: {lease: ended}',
      '      - id: late-offer',
      '        send: upgrade-email',
      '        next: bye',
      '      - id: offer',
      '        send: upgrade-email',
      '      - id: bye',
      '        exit: true',
    );

    it('a set step counts on its own path only: the send on the other branch is fine', async () => {
      expect(await findingsOf(rule, { 'segments.yaml': segments, 'templates.yaml': templates, 'journeys.yaml': journey })).toEqual([
        {
          rule,
          file: 'journeys.yaml',
          line: 12,
          column: 9,
          severity: 'error',
          message: 'upgrade-email (upsell, email) on 2026-05-01 09:00 CDT requires lease=active, but lease=ended set by close of journey wrap-up for segments june-a, june-b, lessees',
          segments: ['june-a', 'june-b', 'lessees'],
          at: '2026-05-01T09:00:00.000-05:00',
        },
      ]);
    });

    it('a change at the same instant counts only for the steps after it on its path', async () => {
      const plan = lines(
        'segments:',
        '  - id: owners',
        '    timezone: UTC',
        '    states: {service_case: closed, lease: active}',
        'journeys:',
        '  - id: care',
        '    entry: {segment: owners, date: 2026-05-01}',
        '    steps:',
        '      - send: promo-sms',
        '      - branch:',
        '          - when: {event: case_opened, within: P2D}',
        '            next: sorry',
        '          - otherwise: true',
        '            next: more',
        '      - id: sorry',
        '        send: promo-sms',
        '        next: bye',
        '      - id: more',
        '        send: promo-sms',
        '      - id: bye',
        '        exit: true',
        '  - id: close-out',
        '    entry: {segment: owners, date: 2026-05-01}',
        '    steps:',
        '      - send: upgrade-email',
        '      - set: {lease: ended}',
        '      - send: upgrade-email',
      );
      expect(await findingsOf(rule, { 'plan.yaml': plan, 'templates.yaml': templates })).toEqual([
        {
          rule,
          file: 'plan.yaml',
          line: 15,
          column: 9,
          severity: 'error',
          message: 'promo-sms (promotion, sms) on 2026-05-01 09:00 UTC forbids service_case=open (intent promotion), but service_case=open after case_opened (branch step 2 of journey care) for segment owners',
          segments: ['owners'],
          at: '2026-05-01T09:00:00.000Z',
        },
        {
          rule,
          file: 'plan.yaml',
          line: 27,
          column: 9,
          severity: 'error',
          message: 'upgrade-email (upsell, email) on 2026-05-01 09:00 UTC requires lease=active, but lease=ended set by step 2 of journey close-out for segment owners',
          segments: ['owners'],
          at: '2026-05-01T09:00:00.000Z',
        },
      ]);
    });

    it('checks a journey with no dated entry on its relative timeline, where the entry event changes the states', async () => {
      const relative = lines(
        'journeys:',
        '  - id: after-lease',
        '    entry: {segment: lessees, event: lease_end, offset: -P30D}',
        '    steps:',
        '      - send: upgrade-email',
        '      - wait: P37D',
        '      - send: upgrade-email',
      );
      const onlyParent = lines('segments:', '  - id: lessees', '    timezone: America/Chicago', '    states: {lease: active}');
      expect(await findingsOf(rule, { 'segments.yaml': onlyParent, 'templates.yaml': templates, 'journeys.yaml': relative })).toEqual([
        {
          rule,
          file: 'journeys.yaml',
          line: 7,
          column: 9,
          severity: 'error',
          message: "upgrade-email (upsell, email) at lease_end+7d requires lease=active, but lease=ended from lease_end on (the journey's entry event) for segment lessees",
          segments: ['lessees'],
          after: { event: 'lease_end', offset: 'P7D' },
        },
      ]);
    });

    it('places the same journey at absolute times for segments with a date for the entry event', async () => {
      const relative = lines(
        'journeys:',
        '  - id: after-lease',
        '    entry: {segment: lessees, event: lease_end, offset: -P30D}',
        '    steps:',
        '      - send: upgrade-email',
        '      - wait: P37D',
        '      - send: upgrade-email',
      );
      const found = await findingsOf(rule, { 'segments.yaml': segments, 'templates.yaml': templates, 'journeys.yaml': relative });
      expect(found.map((f) => [f.line, f.message, f.segments])).toEqual([
        [7, "upgrade-email (upsell, email) at lease_end+7d requires lease=active, but lease=ended from lease_end on (the journey's entry event) for segment lessees", ['lessees']],
        [7, 'upgrade-email (upsell, email) on 2026-07-07 09:00 CDT requires lease=active, but lease=ended since 2026-06-30 for segments june-a, june-b', ['june-a', 'june-b']],
      ]);
    });
  });

  describe('names the segment whose states write the initial state', () => {
    const upgrade = ['templates:', '  - {id: upg, channel: email, intent: upsell, requires: {lease: active}, content: {en-US: {body: upgrade}}}'];

    it('a segment in a CSV file, at its cell', async () => {
      const folder = tempFolder({
        'cxlint.config.yaml': lines('extends: cxlint:recommended', 'inputs:', '  - {files: "segments.csv", kind: segments}'),
        'plan.yaml': lines(
          'segments:',
          '  - {id: lessees, timezone: America/Chicago, states: {lease: active}}',
          ...upgrade,
          'calendar:',
          '  - {date: 2026-07-05, segment: lessees, template: upg}',
        ),
        'segments.csv': lines('id,parent,states.lease', 'former,lessees,ended'),
      });
      const findings = (await lint({ cwd: folder, paths: ['.'] })).findings.filter((finding) => finding.rule === rule);
      expect(findings.map((finding) => [brief(finding), finding.related])).toEqual([
        [
          {
            rule,
            file: 'plan.yaml',
            line: 6,
            column: 5,
            severity: 'error',
            message: 'upg (upsell, email) on 2026-07-05 09:00 CDT requires lease=active, but lease=ended (initial state of former) for segment former',
            segments: ['former'],
            at: '2026-07-05T09:00:00.000-05:00',
          },
          [{ file: 'segments.csv', line: 2, column: 16, message: 'initial state lease=ended' }],
        ],
      ]);
    });

    it('a segment that restates its parent\'s state, on the calendar as on the relative run', async () => {
      const plan = lines(
        'segments:',
        '  - {id: former, timezone: America/Chicago, states: {lease: ended}}',
        '  - {id: restated, parent: former, states: {lease: ended}}',
        ...upgrade,
        'calendar:',
        '  - {date: 2026-07-05, segment: former, template: upg}',
        'journeys:',
        '  - {id: j, entry: {segment: former, event: purchase}, steps: [{send: upg}]}',
      );
      const { lintFiles } = await import('./helpers.js');
      const findings = (await lintFiles({ 'plan.yaml': plan })).filter((finding) => finding.rule === rule);
      const conflict = (when: string): string =>
        `upg (upsell, email) ${when} requires lease=active, but lease=ended (initial state of former) for segment former; and lease=ended (initial state of restated) for segment restated`;
      const related = [[2, 61, 'initial state lease=ended'], [3, 52, 'initial state lease=ended']];
      expect(findings.map((f) => [f.location.line, f.message, f.segments, f.related.map((r) => [r.line, r.column, r.message])])).toEqual([
        [7, conflict('on 2026-07-05 09:00 CDT'), ['former', 'restated'], related],
        [9, conflict('at purchase'), ['former', 'restated'], related],
      ]);
    });
  });

  it('follows the config: severity, and overrides by campaign', async () => {
    const config = lines(
      'extends: cxlint:recommended',
      'rules: {state-conflict: warning}',
      'overrides:',
      '  - campaigns: [summer]',
      '    rules: {state-conflict: error}',
    );
    const calendar = lines(
      'calendar:',
      '  - {date: 2026-07-05, segment: june-a, template: upgrade-email}',
      '  - {date: 2026-07-06, segment: june-a, template: upgrade-email, campaign: summer}',
    );
    const found = await findingsOf(rule, { 'cxlint.config.yaml': config, 'segments.yaml': segments, 'templates.yaml': templates, 'calendar.yaml': calendar });
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [2, 'warning'],
      [3, 'error'],
    ]);
  });
});

describe('state-conflict on a parent chain 10,000 deep where every level adds a state one template requires', () => {
  it('judges each segment by the states it changes: the level that breaks the condition and those below it, one finding each', async () => {
    // s0 ← s1 ← … ← s9999; level i sets k<i>: v, and s5000 also sets k0: w. Template t requires every k<i> to be v.
    const depth = 10_000;
    const segments = ['segments:', '  - {id: s0, timezone: UTC, states: {k0: v}}'];
    for (let index = 1; index < depth; index += 1) segments.push(`  - {id: s${index}, parent: s${index - 1}, states: {k${index}: v${index === 5_000 ? ', k0: w' : ''}}}`);
    const requires = Array.from({ length: depth }, (_, index) => `k${index}: v`).join(', ');
    const plan = [
      ...segments,
      'templates:',
      `  - {id: t, channel: email, intent: newsletter, requires: {${requires}}, content: {en: {body: hi}}}`,
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: t}',
      'journeys:',
      '  - {id: j, entry: {segment: s0, event: purchase}, steps: [{send: t}]}',
    ].join('\n');
    const { lintFiles } = await import('./helpers.js');
    const findings = (await lintFiles({ 'plan.yaml': `${plan}\n` })).filter((finding) => finding.rule === rule);
    const below = Array.from({ length: depth - 5_000 }, (_, index) => `s${5_000 + index}`).sort();
    const conflict = (when: string): string => `t (newsletter, email) ${when} requires k0=v, but k0=w (initial state of s5000) for segments s5000, s5001, s5002 and 4997 more`;
    expect(findings.map((f) => [f.location.line, f.message, f.segments, f.at, f.after, f.related.map((r) => [r.line, r.message])])).toEqual([
      [depth + 5, conflict('on 2026-03-01 09:00 UTC'), below, '2026-03-01T09:00:00.000Z', undefined, [[5_002, 'initial state k0=w']]],
      [depth + 7, conflict('at purchase'), below, undefined, { event: 'purchase', offset: 'P0D' }, [[5_002, 'initial state k0=w']]],
    ]);
  }, 60_000);
});
