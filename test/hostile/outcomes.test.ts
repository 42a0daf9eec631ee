import { afterAll, describe, expect, it } from 'vitest';
import { PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

describe('hostile: clear outcomes', () => {
  it.each([['check'], ['timeline']])('%s --from after --to is a usage error, not "no problems" (issue 8.15)', (command) => {
    const root = hostileFolder({ 'plan.yaml': `${PLAN}calendar:\n  - {date: 2026-06-01, segment: m, template: t}\n` });
    expectHandled(root, [command, '--from', '2027-01-01', '--to', '2026-01-01'], {
      status: 2,
      stderr: 'cxlint: --from 2027-01-01 is after --to 2026-01-01: the horizon would be empty\n',
    });
  });

  it('--from and --to on the same day is a horizon of that day', () => {
    const root = hostileFolder({ 'plan.yaml': `${PLAN}calendar:\n  - {date: 2026-06-01, segment: m, template: t}\n` });
    expectHandled(root, ['check', '--from', '2026-06-01', '--to', '2026-06-01'], { status: 0 });
  });

  it('a folder of non-plan files is "no plan files found", exit 2, as an empty folder is (issue 8.18)', () => {
    const files = { 'package.json': '{"name": "campaigns"}\n', 'workflows/ci.yml': 'on: push\njobs: {}\n' };
    const run = expectHandled(hostileFolder(files), ['check'], {
      status: 2,
      stderr: /^cxlint: No plan files found in \.: 2 YAML\/JSON files read, none with a segments, templates, journeys or calendar section \(--debug lists them\)/,
    });
    expect(run.stdout).toBe('');
    const debug = expectHandled(hostileFolder(files), ['check', '--debug'], { status: 2 });
    expect(debug.stderr).toContain('skipped package.json: no segments, templates, journeys or calendar section');
    expect(debug.stderr).toContain('skipped workflows/ci.yml');
  });

  it('an empty folder is exit 2 too', () => {
    expectHandled(hostileFolder({ 'README.md': '# nothing\n' }), ['check'], { status: 2, stderr: /No input files found/ });
  });

  it('timeline on a folder of non-plan files is exit 2', () => {
    expectHandled(hostileFolder({ 'package.json': '{}\n' }), ['timeline'], { status: 2, stderr: /No plan files found/ });
  });
});
