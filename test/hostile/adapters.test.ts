import { afterAll, describe, expect, it } from 'vitest';
import { GIGABYTE, PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

/** Other tools' files (issue 15) are input like any other: broken or malicious, each is a finding, never a crash or a hang. */
describe('hostile: files the adapters read', () => {
  it('an .ics of 50,000 nested BEGIN lines that never END is an error at the first unterminated one', () => {
    const ics = `BEGIN:VCALENDAR\r\n${'BEGIN:VEVENT\r\n'.repeat(50_000)}`;
    expectHandled(hostileFolder({ 'calendar.ics': ics, 'plan.yaml': PLAN }), ['check'], { status: 1, stdout: /BEGIN/, maxRss: GIGABYTE });
  });

  it('terminal escapes, bidi controls and runner commands in an event are shown, not obeyed', () => {
    const event = ['BEGIN:VEVENT', 'UID:1', 'DTSTART:20260105T090000Z', 'SUMMARY:\u001b[31mred\u202e::error::x', 'DESCRIPTION:segment: m\\ntemplate: t\u001b]0;title\u0007##[group]x', 'END:VEVENT'];
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...event, 'END:VCALENDAR', ''].join('\r\n');
    const run = expectHandled(hostileFolder({ 'calendar.ics': ics, 'plan.yaml': PLAN }), ['check'], { status: 1, stdout: /unknown-reference/ });
    expect(run.stdout).toContain('calendar.ics');
  });

  it('a workbook that is no zip is one invalid-input finding', () => {
    const bytes = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 0xff)]);
    expectHandled(hostileFolder({ 'plan.xlsx': bytes, 'plan.yaml': PLAN }), ['check'], { status: 1, stdout: /plan\.xlsx[\s\S]*invalid-input/ });
  });
});
