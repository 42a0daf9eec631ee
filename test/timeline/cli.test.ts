import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, cleanWorkspaces, cxlint, workspace } from '../cli/run.js';

afterAll(cleanWorkspaces);

const LEASE_END = path.join(REPO, 'examples', 'lease-end');

const PLAN = {
  'cxlint.config.yaml': 'extends: cxlint:recommended\ntimezone: Europe/Paris\n',
  'plan.yaml': [
    'segments:',
    '  - {id: customers, name: All customers}',
    '  - {id: vip, parent: customers, timezone: America/New_York}',
    'templates:',
    '  - {id: hello, channel: email, intent: newsletter}',
    '  - {id: promo, channel: sms, intent: promotion}',
    'calendar:',
    '  - {date: 2026-05-04, segment: customers, template: hello}',
    '  - {date: 2026-05-20T18:30, segment: vip, template: promo}',
    '',
  ].join('\n'),
};

describe('cxlint timeline: the lease-end example (the issue’s acceptance check)', () => {
  const expected = [
    'horizon 2026-01-01 → 2026-11-29 (America/Chicago)',
    '',
    'lessees-2026-06 — Leases ending in June 2026 (America/Chicago)',
    '  2026-01-01 09:00 CST  email  lease-options-email     lease_end         journey lease-end › options',
    '  2026-06-26 11:00 CDT  sms    return-appointment-sms  service           {calendar}:2',
    '  2026-06-30 09:00 CDT  email  lease-ended-email       lease_end         journey lease-end › step 3          lease: active → ended',
    '  2026-07-05 09:00 CDT  email  upgrade-discounts       upsell            {calendar}:6 (sent to lessees)',
    '  2026-07-10 09:00 CDT  email  service-birthday        service_reminder  {calendar}:10 (sent to lessees)  vehicle: returned',
  ];

  it('from the repository root, with --config', () => {
    const run = cxlint(['timeline', 'examples/lease-end', '--segment', 'lessees-2026-06', '--config', 'examples/lease-end/cxlint.config.yaml'], { cwd: REPO });
    expect([run.status, run.stderr]).toEqual([0, '']);
    const lines = run.stdout.split('\n');
    const calendar = 'examples/lease-end/calendar.yaml';
    // Columns are padded to the widest cell, so compare lines with runs of spaces made one.
    const squeeze = (line: string) => line.replace(/ {2,}/g, '  ');
    expect(lines.slice(0, 8).map(squeeze)).toEqual(expected.map((line) => squeeze(line.replace('{calendar}', calendar))));
    expect(lines[6]).toBe(`  2026-07-05 09:00 CDT  email  upgrade-discounts       upsell            ${calendar}:6 (sent to lessees)`);
    expect(lines[5]).toContain('lease-ended-email');
    expect(lines[5]!.endsWith('lease: active → ended')).toBe(true);
  });

  it('from inside the example (the config found by walking up)', () => {
    const run = cxlint(['timeline', '--segment', 'lessees-2026-06'], { cwd: LEASE_END });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 8)).toEqual(expected.map((line) => line.replace('{calendar}', 'calendar.yaml')));
    // The relative timeline of the journey, for lessees (which has no lease_end date).
    expect(run.stdout).toContain('journey lease-end, relative (T = lease_end), for the segments of lessees with no date for it\n  T-180d  email  lease-options-email');
  });

  it('-f json: the shape of docs/timeline.md', () => {
    const run = cxlint(['timeline', '--segment', 'lessees-2026-06', '-f', 'json'], { cwd: LEASE_END });
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['tool', 'horizon', 'segments', 'relativeJourneys']);
    expect(json.horizon).toEqual({ from: '2026-01-01T00:00:00.000-06:00', to: '2026-11-29T23:59:59.999-06:00', text: '2026-01-01 → 2026-11-29 (America/Chicago)' });
    expect(json.segments.map((segment: { id: string }) => segment.id)).toEqual(['lessees-2026-06']);
    const upgrade = json.segments[0].entries[3];
    expect(upgrade).toEqual({
      at: '2026-07-05T09:00:00.000-05:00',
      local: '2026-07-05 09:00 CDT',
      template: 'upgrade-discounts',
      via: 'ancestor',
      segment: 'lessees',
      source: { file: 'calendar.yaml', line: 6, column: 5 },
      channel: 'email',
      intent: 'upsell',
      campaign: 'summer-upgrades',
      owner: 'dealer-marketing',
      changes: [],
    });
    expect(json.segments[0].entries[2]).toMatchObject({
      template: 'lease-ended-email',
      journey: { id: 'lease-end', step: 'step 3', paths: [0, 1] },
      changes: [{ state: 'lease', from: 'active', to: 'ended' }],
    });
    expect(json.relativeJourneys).toEqual([
      expect.objectContaining({ journey: 'lease-end', segment: 'lessees', event: 'lease_end', paths: 2, truncated: false }),
    ]);
    expect(json.relativeJourneys[0].entries.map((entry: { local: string }) => entry.local)).toEqual(['T-180d', 'T+0d']);
  });
});

describe('cxlint timeline: options', () => {
  it('prints every segment by default, in id order, with a line per send', () => {
    const root = workspace(undefined, PLAN);
    const run = cxlint(['timeline'], { cwd: root });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(
      [
        // Each end is the day of what bounds it, in its own zone: the first send in Paris, the last in New York.
        'horizon 2026-05-04 (Europe/Paris) → 2026-08-18 (America/New_York)',
        '',
        'customers — All customers (Europe/Paris)',
        '  2026-05-04 09:00 CEST  email  hello  newsletter  plan.yaml:8',
        '',
        'vip (America/New_York)',
        // A send is placed in the zone of the segment it addresses (customers: the config's), and shown in it.
        '  2026-05-04 09:00 CEST  email  hello  newsletter  plan.yaml:8 (sent to customers)',
        '  2026-05-20 18:30 EDT   sms    promo  promotion   plan.yaml:9',
        '',
      ].join('\n'),
    );
  });

  it('--segment is repeatable; an unknown id is a usage error with a did-you-mean', () => {
    const root = workspace(undefined, PLAN);
    const both = cxlint(['timeline', '--segment', 'vip', '--segment', 'customers', '-f', 'json'], { cwd: root });
    expect(JSON.parse(both.stdout).segments.map((segment: { id: string }) => segment.id)).toEqual(['vip', 'customers']);
    const unknown = cxlint(['timeline', '--segment', 'vipp'], { cwd: root });
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([2, '', 'cxlint: --segment vipp: no such segment; did you mean "vip"?\n']);
  });

  it('--from and --to set the horizon (in the config’s zone); a bad date is a usage error', () => {
    const root = workspace(undefined, PLAN);
    // --to 2026-05-20 ends at 23:59 Paris time, before 18:30 in New York (00:30 on the 21st in Paris).
    const run = cxlint(['timeline', '--segment', 'vip', '--from', '2026-05-10', '--to', '2026-05-20'], { cwd: root });
    expect(run.stdout).toBe(['horizon 2026-05-10 → 2026-05-20 (Europe/Paris)', '', 'vip (America/New_York)', '  no sends reach this segment in the horizon', ''].join('\n'));
    const later = cxlint(['timeline', '--segment', 'vip', '--from', '2026-05-10', '--to', '2026-05-21'], { cwd: root });
    expect(later.stdout).toBe(['horizon 2026-05-10 → 2026-05-21 (Europe/Paris)', '', 'vip (America/New_York)', '  2026-05-20 18:30 EDT  sms  promo  promotion  plan.yaml:9', ''].join('\n'));
    const json = JSON.parse(cxlint(['timeline', '--from', '2026-05-10', '--to', '2026-05-20', '-f', 'json'], { cwd: root }).stdout);
    expect(json.horizon).toEqual({ from: '2026-05-10T00:00:00.000+02:00', to: '2026-05-20T23:59:59.999+02:00', text: '2026-05-10 → 2026-05-20 (Europe/Paris)' });
    const empty = cxlint(['timeline', '--segment', 'customers', '--to', '2026-05-03'], { cwd: root });
    expect(empty.stdout).toContain('customers — All customers (Europe/Paris)\n  no sends reach this segment in the horizon\n');
    const bad = cxlint(['timeline', '--from', 'next tuesday'], { cwd: root });
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(/^cxlint: --from: "next tuesday" is not a date/);
  });

  it('an unknown format is a usage error', () => {
    const run = cxlint(['timeline', '-f', 'xml'], { cwd: workspace(undefined, PLAN) });
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toContain('Unknown format "xml"');
  });

  it('a plan with input problems still prints its timeline, exits 1 and says so on stderr', () => {
    const root = workspace(undefined, {
      ...PLAN,
      'more.yaml': 'calendar:\n  - {date: 2026-05-05, segment: customers, template: nope}\n  - {date: 2026-05-06, segment: customers, template: hello, repeat: "FREQ=DAILY;INTERVAL=x"}\n',
    });
    const run = cxlint(['timeline', '--segment', 'customers'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('cxlint: the plan has 2 input problems; run cxlint check to see them\n');
    expect(run.stdout).toContain('  2026-05-04 09:00 CEST  email  hello  newsletter  plan.yaml:8');
  });
});
