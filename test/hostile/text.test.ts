import { describe, afterAll, expect, it } from 'vitest';
import { PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

const INJECTION = '"x\\n::error file=a.yaml,line=1::pwned\\e[2J"';

describe('hostile: text from inputs never controls a terminal or a CI log (issue 8.16)', () => {
  it('an unknown rule id in the config reaches stderr neutralised', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'cxlint.config.yaml': `rules:\n  ${INJECTION}: error\n` });
    const run = expectHandled(root, ['check'], { status: 2, stderr: /unknown rule/i });
    expect(run.stderr).toContain('pwned');
  });

  it('a path that does not exist, with escape sequences and a runner command in its name', () => {
    const run = expectHandled(hostileFolder({ 'plan.yaml': PLAN }), ['check', 'nope\u001b[2J\n::error::x'], { status: 2, stderr: /No such file or folder: nope/ });
    expect(run.stderr).toContain(':\u200b:error::x');
  });

  it('an unknown option with control characters, as commander repeats it', () => {
    expectHandled(hostileFolder({ 'plan.yaml': PLAN }), ['check', '--x\u001b]0;title\u0007'], { status: 2, stderr: /unknown option '--x/ });
  });

  it('an unknown format given on the command line', () => {
    expectHandled(hostileFolder({ 'plan.yaml': PLAN }), ['check', '-f', '\u001b[2J##[error]x'], { status: 2, stderr: /Unknown format/ });
  });

  it('--debug output', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'skipped\u001b[2J.yaml': 'name: x\n' });
    expectHandled(root, ['check', '--debug'], { status: 0, stderr: /skipped skipped\[2J\.yaml|skipped skipped.*\.yaml/ });
  });
});

describe('hostile: bidi controls are shown, not obeyed (issue 8.17)', () => {
  const plan =
    'segments:\n  - {id: m, timezone: UTC, name: "Members \u202egnp.exe"}\n' +
    'templates:\n' +
    '  - {id: a, channel: email, intent: promotion, owner: "team\u2066x\u2069", offer: {id: o, value: "10%\u202e"}, content: {en: {body: a}}}\n' +
    '  - {id: b, channel: sms, intent: promotion, offer: {id: o, value: "20%"}, content: {en: {body: b}}}\n' +
    'calendar:\n' +
    '  - {date: 2026-03-02T10:00, segment: m, template: a}\n' +
    '  - {date: 2026-03-03T10:00, segment: m, template: b}\n' +
    '  - {date: 2026-03-04T10:00, segment: "m\u202dx", template: a}\n';

  it('in stylish findings', () => {
    const run = expectHandled(hostileFolder({ 'plan.yaml': plan }), ['check'], { status: 1 });
    expect(run.stdout).toContain('unknown segment "m<U+202D>x"');
    expect(run.stdout).toContain('10%<U+202E>');
  });

  it('in the JSON report and the timeline JSON: escaped, so that they parse to the same text', () => {
    const hostile = 'segments: [{id: m, timezone: UTC}]\ncalendar:\n  - {date: 2026-03-02, segment: m, template: "evil\u202e\u009b31m##[error]x"}\n';
    const run = expectHandled(hostileFolder({ 'plan.yaml': hostile }), ['check', '-f', 'json'], { status: 1 });
    expect(JSON.parse(run.stdout).findings[0].message).toContain('evil\u202e\u009b31m##[error]x');
    expectHandled(hostileFolder({ 'plan.yaml': `${PLAN}calendar:\n  - {date: 2026-03-02, segment: m, template: t, owner: "a\u2066b##[x"}\n` }), ['timeline', '-f', 'json'], { status: 0 });
  });

  it('in the timeline', () => {
    const run = expectHandled(hostileFolder({ 'plan.yaml': plan }), ['timeline'], { status: 1 });
    expect(run.stdout).toContain('2026-03-02');
  });
});
