import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/run.js';
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
      stderr: /^cxlint: No plan files found in \.: 2 files read, none a plan \(YAML\/JSON with a segments, templates, journeys or calendar section, or a CSV calendar export; --debug lists them\)/,
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

describe('hostile: standard output that a reader leaves or a disk cannot take', () => {
  it('`cxlint check | head -1`: no EPIPE stack trace, and the exit code is still the run’s', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `2026-01-05,m,missing-${i}`).join('\n');
    const root = hostileFolder({ 'plan.yaml': PLAN, 'calendar.csv': `date,segment,template\n${rows}\n` });
    const result = spawnSync('bash', ['-c', `node '${BIN}' check | head -1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('exit 1\n');
  });

  it.each([['check'], ['rules'], ['check', '-f', 'json']])('%s with standard output on a full disk: one line, exit 2, no stack trace (SPEC 8)', (...args) => {
    const root = hostileFolder({ 'plan.yaml': PLAN });
    const result = spawnSync('bash', ['-c', `node '${BIN}' ${args.join(' ')} >/dev/full; echo "exit $?"`], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('cxlint: Cannot write to standard output: ENOSPC\n');
    expect(result.stdout).toBe('exit 2\n');
  });
});
