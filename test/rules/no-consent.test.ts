import { describe, expect, it } from 'vitest';
import { findingsOf, lintFiles } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'no-consent';

const segments = lines(
  'segments:',
  '  - id: customers',
  '    timezone: UTC',
  '    consent: [email, sms]',
  '  - id: email-only-a',
  '    parent: customers',
  '    consent: [email]',
  '  - id: email-only-b',
  '    parent: customers',
  '    consent: [email]',
  '  - id: everyone',
  '    timezone: UTC',
  '  - id: legal-hold',
  '    timezone: UTC',
  '    suppressed: true',
  '  - id: legal-hold-eu',
  '    parent: legal-hold',
);

const templates = lines(
  'templates:',
  '  - {id: promo-sms, channel: sms, intent: promotion}',
  '  - {id: promo-email, channel: email, intent: promotion}',
  '  - {id: receipt-sms, channel: sms, intent: transactional}',
  '  - {id: plain-sms, channel: sms}',
  '  - {id: promo-any, channels: [email, sms], intent: promotion}',
);

const plan = (...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
});

describe('no-consent', () => {
  it('reports a marketing send on a channel not consented to once, for every segment that did not consent', async () => {
    expect(await findingsOf(rule, plan('  - {id: sms-blast, date: 2026-05-04, segment: customers, template: promo-sms}'))).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'error',
        message: 'promo-sms (promotion, sms) on 2026-05-04 09:00 UTC is a marketing message on sms, but only email is consented to for segments email-only-a, email-only-b',
        segments: ['email-only-a', 'email-only-b'],
        // Dated rows are sent at the default send time, 09:00, here in UTC.
        at: '2026-05-04T09:00:00.000Z',
      },
    ]);
  });

  it('is one finding for one send, naming what each segment consents to with the segments it is true of', async () => {
    const files = plan('  - {date: 2026-05-04, segment: customers, template: promo-email}');
    files['segments.yaml'] += lines('  - id: sms-only', '    parent: customers', '    consent: [sms, push]', '  - id: none', '    parent: customers', '    consent: []');
    expect((await findingsOf(rule, files)).map(({ message, segments }) => ({ message, segments }))).toEqual([
      {
        message: 'promo-email (promotion, email) on 2026-05-04 09:00 UTC is a marketing message on email, but only sms, push are consented to for segment sms-only; and no channel is consented to for segment none',
        segments: ['none', 'sms-only'],
      },
    ]);
    const [finding] = (await lintFiles(files)).filter((found) => found.rule === rule);
    expect(finding?.related.map(({ message }) => message)).toEqual(['consent of sms-only: sms, push', 'consent of none: none']);
  });

  it('points at the consent that excludes the channel', async () => {
    const findings = (await lintFiles(plan('  - {date: 2026-05-04, segment: email-only-a, template: promo-sms}'))).filter((f) => f.rule === rule);
    expect(findings.map((f) => f.related)).toEqual([[{ file: 'segments.yaml', line: 7, column: 14, message: 'consent of email-only-a: email' }]]);
  });

  it('counts a template without an intent as marketing, and uses the channel the send picks', async () => {
    expect(
      await findingsOf(
        rule,
        plan('  - {date: 2026-05-04, segment: email-only-a, template: plain-sms}', '  - {date: 2026-05-05, segment: email-only-a, template: promo-any, channel: email}'),
      ),
    ).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'error',
        message: 'plain-sms (sms) on 2026-05-04 09:00 UTC is a marketing message on sms, but only email is consented to for segment email-only-a',
        segments: ['email-only-a'],
        at: '2026-05-04T09:00:00.000Z',
      },
    ]);
  });

  it('does not report non-marketing intents, consented channels, or segments without a consent list', async () => {
    expect(
      await findingsOf(
        rule,
        plan(
          '  - {date: 2026-05-04, segment: customers, template: receipt-sms}',
          '  - {date: 2026-05-04, segment: customers, template: promo-email}',
          '  - {date: 2026-05-04, segment: everyone, template: promo-sms}',
          '  - {date: 2026-05-04, segment: legal-hold, template: receipt-sms}',
        ),
      ),
    ).toEqual([]);
  });

  it('reports any marketing send to a suppressed segment, and to the segments below it', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-05-04, segment: legal-hold, template: promo-email}'))).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'error',
        message: 'promo-email (promotion, email) on 2026-05-04 09:00 UTC is a marketing message, but marketing is suppressed for segments legal-hold, legal-hold-eu',
        segments: ['legal-hold', 'legal-hold-eu'],
        at: '2026-05-04T09:00:00.000Z',
      },
    ]);
  });

  it('reads the consent of the customers in both of two overlapping segments as what either grants', async () => {
    const vip = lines('segments:', '  - {id: vip, timezone: UTC, overlaps: [email-only-a]}');
    expect(await findingsOf(rule, { ...plan('  - {date: 2026-05-04, segment: vip, template: promo-sms}'), 'vip.yaml': vip })).toEqual([]);
  });

  it('checks journeys, on their relative timeline when the segments have no date for the entry event', async () => {
    const journeys = lines(
      'journeys:',
      '  - id: welcome',
      '    entry: {segment: customers, event: signup}',
      '    steps:',
      '      - send: promo-email',
      '      - wait: P1D',
      '      - send: promo-sms',
    );
    expect(await findingsOf(rule, { ...plan(), 'calendar.yaml': '', 'journeys.yaml': journeys })).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 7,
        column: 9,
        severity: 'error',
        message: 'promo-sms (promotion, sms) at signup+1d is a marketing message on sms, but only email is consented to for segments email-only-a, email-only-b',
        segments: ['email-only-a', 'email-only-b'],
        // The relative run has no date: a day after signup.
        after: { event: 'signup', offset: 'P1D' },
      },
    ]);
  });

  it('follows the config: severity, and overrides by segment', async () => {
    const config = lines('extends: cxlint:recommended', 'rules: {no-consent: warning}', 'overrides:', '  - segments: [email-only-b]', '    rules: {no-consent: error}');
    const found = await findingsOf(rule, {
      ...plan('  - {date: 2026-05-04, segment: email-only-a, template: promo-sms}', '  - {date: 2026-05-04, segment: email-only-b, template: promo-sms}'),
      'cxlint.config.yaml': config,
    });
    expect(found.map((f) => [f.line, f.severity, f.segments])).toEqual([
      [2, 'warning', ['email-only-a']],
      [3, 'error', ['email-only-b']],
    ]);
  });
});
