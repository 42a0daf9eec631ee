import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlan, timelinesOf } from '../../src/engine/lint.js';
import { runRules } from '../../src/engine/rules.js';
import { finalizeFindings } from '../../src/findings/finalize.js';
import { CHECKS } from '../../src/rules/index.js';
import type { RelativeTime } from '../../src/findings/finding.js';
import type { Brief } from './helpers.js';
import { findingsOf, lintFiles } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'duplicate-message';

const segments = lines(
  'segments:',
  '  - id: members',
  '    timezone: UTC',
  '  - id: members-fr',
  '    parent: members',
  '  - id: members-de',
  '    parent: members',
  '  - id: vip',
  '    timezone: UTC',
  '  - id: partners',
  '    timezone: UTC',
  '  - id: friends',
  '    timezone: UTC',
  '  - id: club',
  '    timezone: UTC',
  '    overlaps: [partners]',
  '  - id: paris',
  '    timezone: Europe/Paris',
);

const templates = lines(
  'templates:',
  '  - id: news',
  '    channels: [email, push]',
  '    intent: newsletter',
  '    content:',
  '      en-US: {subject: "July news", body: "Hello {{first_name}}, here is July."}',
  '  - id: news-copy',
  '    channel: email',
  '    intent: newsletter',
  '    content:',
  '      en-US: {subject: "  JULY news ", body: "hello {{first_name}},\\n here is   July."}',
  '  - id: news-other',
  '    channel: email',
  '    intent: newsletter',
  '    content:',
  '      en-US: {subject: "August news", body: "Hello {{first_name}}, here is August."}',
  '      fr-FR: {subject: "Nouvelles", body: "Bonjour"}',
  '  - id: news-fr',
  '    channel: email',
  '    intent: newsletter',
  '    content:',
  '      en-US: {subject: "French edition", body: "Bonjour in English"}',
  '      fr-FR: {subject: "nouvelles", body: "  BONJOUR "}',
  '  - {id: filler-a, channel: email, intent: announcement}',
  '  - {id: filler-b, channel: email, intent: announcement}',
);

const plan = (...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
});

/** A finding at the repeating send: `at` its instant (UTC here), or `after` the entry event on a journey's relative run. */
const finding = (line: number, message: string, segments: string[], when: string | RelativeTime, file = 'calendar.yaml'): Brief => ({
  rule,
  file,
  line,
  column: file === 'journeys.yaml' ? 9 : 5,
  severity: 'error',
  message,
  segments,
  ...(typeof when === 'string' ? { at: when } : { after: when }),
});

describe('duplicate-message', () => {
  it('reports the same template twice within the window, against the earlier send', async () => {
    const files = plan(
      '  - {date: 2026-07-01, segment: vip, template: news, channel: email}',
      '  - {date: 2026-07-04T15:30, segment: vip, template: news, channel: email}',
    );
    expect(await findingsOf(rule, files)).toEqual([
      finding(3, 'news (newsletter, email) on 2026-07-04 15:30 UTC repeats the same template (email) sent to segment vip on 2026-07-01 09:00 UTC, 3d 6h 30m earlier (window P7D)', ['vip'], '2026-07-04T15:30:00.000Z'),
    ]);
    const [full] = (await lintFiles(files)).filter((f) => f.rule === rule);
    expect(full!.related).toEqual([{ file: 'calendar.yaml', line: 2, column: 5, message: 'the earlier send: news (newsletter, email) on 2026-07-01 09:00 UTC' }]);
  });

  it('reports each repeat once, against its previous occurrence', async () => {
    const findings = await findingsOf(rule, plan(
      '  - {date: 2026-07-01, segment: vip, template: news, channel: email}',
      '  - {date: 2026-07-03, segment: vip, template: news, channel: email}',
      '  - {date: 2026-07-05, segment: vip, template: news, channel: email}',
    ));
    expect(findings).toEqual([
      finding(3, 'news (newsletter, email) on 2026-07-03 09:00 UTC repeats the same template (email) sent to segment vip on 2026-07-01 09:00 UTC, 2d earlier (window P7D)', ['vip'], '2026-07-03T09:00:00.000Z'),
      finding(4, 'news (newsletter, email) on 2026-07-05 09:00 UTC repeats the same template (email) sent to segment vip on 2026-07-03 09:00 UTC, 2d earlier (window P7D)', ['vip'], '2026-07-05T09:00:00.000Z'),
    ]);
  });

  it('reports a row that repeats itself once, at its first repeat, counting the later ones (as a loop step that does)', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-07-01, segment: vip, template: news, channel: email, repeat: "FREQ=DAILY;COUNT=5"}'))).toEqual([
      finding(2, 'news (newsletter, email) on 2026-07-02 09:00 UTC (and 3 later occurrences) repeats the same template (email) sent to segment vip on 2026-07-01 09:00 UTC, 1d earlier (window P7D)', ['vip'], '2026-07-02T09:00:00.000Z'),
    ]);
    // Seen from a child with a send of its own, the row's repeats are still one finding, listing both segments.
    const child = await findingsOf(rule, plan('  - {date: 2026-07-01, segment: members, template: news, channel: email, repeat: "FREQ=DAILY;COUNT=5"}', '  - {date: 2026-07-03T10:00, segment: members-fr, template: news, channel: email}'));
    expect(child.filter((found) => found.line === 2).map(({ message, segments }) => [message.slice(0, 88), segments])).toEqual([
      ['news (newsletter, email) on 2026-07-02 09:00 UTC (and 3 later occurrences) repeats the s', ['members', 'members-de', 'members-fr']],
      ['news (newsletter, email) on 2026-07-04 09:00 UTC repeats the same template (email) sent ', ['members-fr']],
    ]);
    const loop = lines(
      'journeys:',
      '  - id: nag',
      '    entry: {segment: vip, date: 2026-07-01}',
      '    steps:',
      '      - id: remind',
      '        send: news',
      '        channel: email',
      '      - branch:',
      '          - when: {event: opened, within: P3D}',
      '            next: done',
      '          - otherwise: true',
      '            next: remind',
      '      - id: done',
      '        exit: true',
    );
    const { 'calendar.yaml': _calendar, ...noCalendar } = plan();
    const found = await findingsOf(rule, { ...noCalendar, 'journeys.yaml': loop });
    expect(found.map(({ line, message }) => [line, message.replace(/ \(window P7D\)$/, '')])).toEqual([
      [5, expect.stringMatching(/^news \(newsletter, email\) on 2026-07-04 09:00 UTC \(and \d+ later occurrences\) repeats the same template \(email\) sent to segment vip on 2026-07-01 09:00 UTC, 3d earlier$/)],
    ]);
  });

  it('reports the same sends once, listing every segment they reach', async () => {
    // The children have sends of their own, so their timelines differ from their parent's; the repeat is in all three.
    const findings = await findingsOf(rule, plan(
      '  - {date: 2026-07-01, segment: members, template: news, channel: email}',
      '  - {date: 2026-07-02, segment: members, template: news, channel: push}',
      '  - {date: 2026-07-20, segment: members-fr, template: filler-a}',
      '  - {date: 2026-07-20, segment: members-de, template: filler-b}',
    ));
    expect(findings).toEqual([
      finding(3, 'news (newsletter, push) on 2026-07-02 09:00 UTC repeats the same template (email) sent to segments members, members-de, members-fr on 2026-07-01 09:00 UTC, 1d earlier (window P7D)', ['members', 'members-de', 'members-fr'], '2026-07-02T09:00:00.000Z'),
    ]);
  });

  it('reports a send to a child that repeats a send to its parent, for the child only', async () => {
    expect(await findingsOf(rule, plan(
      '  - {date: 2026-07-01, segment: members, template: news, channel: email}',
      '  - {date: 2026-07-02, segment: members-fr, template: news, channel: email}',
    ))).toEqual([
      finding(3, 'news (newsletter, email) on 2026-07-02 09:00 UTC repeats the same template (email) sent to segment members-fr on 2026-07-01 09:00 UTC, 1d earlier (window P7D)', ['members-fr'], '2026-07-02T09:00:00.000Z'),
    ]);
  });

  it('counts one row addressed to a segment and to its parent as one delivery', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-07-01, segments: [members, members-fr], template: news, channel: email}'))).toEqual([]);
  });

  it('reports the same text under another template id, comparing each locale with whitespace and case normalised', async () => {
    expect(await findingsOf(rule, plan(
      '  - {date: 2026-07-01, segment: vip, template: news, channel: email}',
      '  - {date: 2026-07-02, segment: vip, template: news-copy}',
      '  - {date: 2026-07-03, segment: friends, template: news-other}',
      '  - {date: 2026-07-04, segment: friends, template: news-fr}',
    ))).toEqual([
      finding(3, 'news-copy (newsletter, email) on 2026-07-02 09:00 UTC repeats the en-US text of news (email) sent to segment vip on 2026-07-01 09:00 UTC, 1d earlier (window P7D)', ['vip'], '2026-07-02T09:00:00.000Z'),
      finding(5, 'news-fr (newsletter, email) on 2026-07-04 09:00 UTC repeats the fr-FR text of news-other (email) sent to segment friends on 2026-07-03 09:00 UTC, 1d earlier (window P7D)', ['friends'], '2026-07-04T09:00:00.000Z'),
    ]);
  });

  it('does not report different templates with different text, nor templates without content', async () => {
    expect(await findingsOf(rule, plan(
      '  - {date: 2026-07-01, segment: vip, template: news, channel: email}',
      '  - {date: 2026-07-02, segment: vip, template: news-other}',
      '  - {date: 2026-07-03, segment: vip, template: filler-a}',
      '  - {date: 2026-07-04, segment: vip, template: filler-b}',
      '  - {date: 2026-07-05, segment: members, template: news, channel: email}',
    ))).toEqual([]);
  });

  it('does not report a repeat exactly one window apart (a weekly newsletter), but does one minute less', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-07-01, segment: vip, template: news, channel: email, repeat: weekly}'), { to: '2026-08-01' })).toEqual([]);
    expect(await findingsOf(rule, plan(
      '  - {date: 2026-07-01T09:00, segment: vip, template: news, channel: email}',
      '  - {date: 2026-07-08T08:59, segment: vip, template: news, channel: email}',
    ))).toEqual([
      finding(3, 'news (newsletter, email) on 2026-07-08 08:59 UTC repeats the same template (email) sent to segment vip on 2026-07-01 09:00 UTC, 6d 23h 59m earlier (window P7D)', ['vip'], '2026-07-08T08:59:00.000Z'),
    ]);
  });

  it('measures the window in calendar days across a DST change (P7D from 09:00 is 09:00 a week later)', async () => {
    // Europe/Paris moves to summer time on 2026-03-29: the two sends are 167 hours apart, but 7 calendar days.
    expect(await findingsOf(rule, plan(
      '  - {date: 2026-03-25, segment: paris, template: news, channel: email}',
      '  - {date: 2026-04-01, segment: paris, template: news, channel: email}',
    ))).toEqual([]);
  });

  it('reports a repeat through a declared overlap once, for the customers in both', async () => {
    expect(await findingsOf(rule, plan(
      '  - {date: 2026-07-01, segment: partners, template: news, channel: email}',
      '  - {date: 2026-07-02, segment: club, template: news, channel: email}',
    ))).toEqual([
      finding(3, 'news (newsletter, email) on 2026-07-02 09:00 UTC to club repeats the same template (email) sent to partners on 2026-07-01 09:00 UTC, 1d earlier (window P7D): the customers in both club and partners get news twice', ['club', 'partners'], '2026-07-02T09:00:00.000Z'),
    ]);
  });

  describe('journeys', () => {
    const journey = (...steps: string[]): Record<string, string> => ({
      'segments.yaml': lines('segments:', '  - id: signups', '    timezone: UTC', '    events: {signup: 2026-07-01}', '  - id: prospects', '    timezone: UTC'),
      'templates.yaml': templates,
      'journeys.yaml': lines('journeys:', '  - id: onboarding', '    entry: {segment: signups, event: signup}', '    steps:', ...steps),
    });

    it('never reports two sends on mutually exclusive branches of one journey', async () => {
      expect(await findingsOf(rule, journey(
        '      - branch:',
        '          - when: {event: replied, within: P1D}',
        '            next: thanks',
        '          - otherwise: true',
        '            next: nudge',
        '      - id: thanks',
        '        send: news-copy',
        '        next: done',
        '      - id: nudge',
        '        send: news-copy',
        '      - id: done',
        '        exit: true',
      ))).toEqual([]);
    });

    it('reports a repeat on one path of the journey, not on the path that skips it', async () => {
      expect(await findingsOf(rule, journey(
        '      - send: news',
        '        channel: email',
        '      - branch:',
        '          - when: {event: replied, within: P1D}',
        '            next: again',
        '          - otherwise: true',
        '            next: done',
        '      - id: again',
        '        send: news-copy',
        '      - id: done',
        '        exit: true',
      ))).toEqual([
        finding(12, 'news-copy (newsletter, email) on 2026-07-01 09:00 UTC repeats the en-US text of news (email) sent to segment signups on 2026-07-01 09:00 UTC, at the same time (window P7D)', ['signups'], '2026-07-01T09:00:00.000Z', 'journeys.yaml'),
      ]);
    });

    it('reports a repeat against the latest earlier send that can reach the same customer, past one on another path', async () => {
      // The `early` send comes after the first one but on the other path than `late`: `late` repeats the first send.
      expect(await findingsOf(rule, journey(
        '      - send: news-copy',
        '      - branch:',
        '          - when: {event: replied, within: P1D}',
        '            next: early',
        '          - otherwise: true',
        '            next: wait',
        '      - id: early',
        '        send: news-copy',
        '        next: done',
        '      - id: wait',
        '        wait: PT1H',
        '      - id: late',
        '        send: news-copy',
        '      - id: done',
        '        exit: true',
      ))).toEqual([
        finding(11, 'news-copy (newsletter, email) on 2026-07-01 09:00 UTC repeats the same template (email) sent to segment signups on 2026-07-01 09:00 UTC, at the same time (window P7D)', ['signups'], '2026-07-01T09:00:00.000Z', 'journeys.yaml'),
        finding(16, 'news-copy (newsletter, email) on 2026-07-02 10:00 UTC repeats the same template (email) sent to segment signups on 2026-07-01 09:00 UTC, 1d 1h earlier (window P7D)', ['signups'], '2026-07-02T10:00:00.000Z', 'journeys.yaml'),
      ]);
    });

    it('checks a journey of a segment with no date for its entry event on its own relative timeline', async () => {
      const files = journey('      - send: news-copy', '      - wait: P2D', '      - send: news-copy');
      files['journeys.yaml'] = files['journeys.yaml']!.replace('segment: signups', 'segment: prospects');
      expect(await findingsOf(rule, files)).toEqual([
        finding(7, 'news-copy (newsletter, email) at signup+2d repeats the same template (email) sent to segment prospects on signup, 2d earlier (window P7D)', ['prospects'], { event: 'signup', offset: 'P2D' }, 'journeys.yaml'),
      ]);
    });
  });

  describe('options', () => {
    it('counts a repeat on another channel unless sameChannelOnly', async () => {
      const calendar = ['  - {date: 2026-07-01, segment: vip, template: news, channel: email}', '  - {date: 2026-07-02, segment: vip, template: news, channel: push}', '  - {date: 2026-07-03, segment: vip, template: news-copy}'];
      expect((await findingsOf(rule, plan(...calendar))).map((f) => f.line)).toEqual([3, 4]);
      const files = { ...plan(...calendar), 'cxlint.config.yaml': lines('rules:', '  duplicate-message: [error, {sameChannelOnly: true}]') };
      expect(await findingsOf(rule, files)).toEqual([
        finding(4, 'news-copy (newsletter, email) on 2026-07-03 09:00 UTC repeats the en-US text of news (email) sent to segment vip on 2026-07-01 09:00 UTC, 2d earlier (window P7D)', ['vip'], '2026-07-03T09:00:00.000Z'),
      ]);
    });

    it('takes the window from the config, and an override for one segment', async () => {
      const calendar = ['  - {date: 2026-07-01, segment: vip, template: news, channel: email}', '  - {date: 2026-07-10, segment: vip, template: news, channel: email}', '  - {date: 2026-07-01, segment: friends, template: news-other}', '  - {date: 2026-07-10, segment: friends, template: news-other}'];
      expect(await findingsOf(rule, plan(...calendar))).toEqual([]);
      const config = lines(
        'rules:',
        '  duplicate-message: [error, {window: P14D}]',
        'overrides:',
        '  - segments: [friends]',
        '    rules: {duplicate-message: [warning, {window: P9D}]}',
      );
      expect(await findingsOf(rule, { ...plan(...calendar), 'cxlint.config.yaml': config })).toEqual([
        finding(3, 'news (newsletter, email) on 2026-07-10 09:00 UTC repeats the same template (email) sent to segment vip on 2026-07-01 09:00 UTC, 9d earlier (window P14D)', ['vip'], '2026-07-10T09:00:00.000Z'),
      ]);
    });

    it('applies an override by campaign to the repeating send', async () => {
      const calendar = ['  - {date: 2026-07-01, segment: vip, template: news, channel: email}', '  - {date: 2026-07-03, segment: vip, template: news, channel: email, campaign: summer}', '  - {date: 2026-07-05, segment: vip, template: news, channel: email}'];
      const config = lines('overrides:', '  - campaigns: [summer]', '    rules: {duplicate-message: [warning, {window: P1D}]}');
      expect(await findingsOf(rule, { ...plan(...calendar), 'cxlint.config.yaml': config })).toEqual([
        finding(4, 'news (newsletter, email) on 2026-07-05 09:00 UTC repeats the same template (email) sent to segment vip on 2026-07-03 09:00 UTC, 2d earlier (window P7D)', ['vip'], '2026-07-05T09:00:00.000Z'),
      ]);
    });

    it('rejects options that are not in its schema', async () => {
      await expect(lintFiles({ ...plan(), 'cxlint.config.yaml': lines('rules:', '  duplicate-message: [error, {window: soon}]') })).rejects.toThrow(/duplicate-message/);
      await expect(lintFiles({ ...plan(), 'cxlint.config.yaml': lines('rules:', '  duplicate-message: [error, {windows: P1D}]') })).rejects.toThrow(/duplicate-message/);
    });
  });
});

describe('duplicate-message at scale (SPEC 12)', () => {
  it('reports each of 150,000 hourly sends of one template once, against the previous one (its time: npm run bench)', async () => {
    const count = 150_000;
    const start = Date.UTC(2026, 0, 1);
    const rows = ['date,segment,template'];
    for (let hour = 0; hour < count; hour += 1) rows.push(`${new Date(start + hour * 3_600_000).toISOString().slice(0, 16)}Z,members,ping`);
    const dir = mkdtempSync(path.join(tmpdir(), 'cxlint-scale-'));
    try {
      writeFileSync(path.join(dir, 'plan.yaml'), lines('segments:', '  - {id: members, timezone: Europe/Paris}', 'templates:', '  - {id: ping, channel: email, intent: reminder}'));
      writeFileSync(path.join(dir, 'calendar.csv'), `${rows.join('\n')}\n`);
      const { plan, config } = await readPlan({ cwd: dir, paths: ['.'], noConfig: true });
      const timelines = timelinesOf(plan, config, {});
      for (const check of CHECKS) config.rules.set(check.id, { severity: check.id === rule ? 'error' : 'off', options: check.defaultOptions ?? {}, at: () => '' });
      const findings = finalizeFindings(runRules(plan, timelines, config), config, plan.tree, (file) => file);
      expect(findings).toHaveLength(count - 1);
      // Each repeat against the one an hour before it, on the row above it (the header is line 1).
      expect([findings[0]!.location.line, findings[0]!.related.map((related) => related.line)]).toEqual([3, [2]]);
      // The instant the repeat happens, in the segment's zone: 01:00Z is 02:00 in Paris in winter.
      expect(findings[0]!.at).toBe('2026-01-01T02:00:00.000+01:00');
      expect([findings.at(-1)!.location.line, findings.at(-1)!.related.map((related) => related.line)]).toEqual([count + 1, [count]]);
      expect(findings.every((finding, index) => finding.location.line === index + 3 && finding.related[0]!.line === index + 2 && finding.message.includes(', 1h earlier (window P7D)'))).toBe(true);
      expect(new Set(findings.map((finding) => finding.fingerprint)).size).toBe(count - 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
