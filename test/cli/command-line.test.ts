import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('one command line', () => {
  it('a mistyped command is exit 2 with a did-you-mean, and a path of that name stays reachable through check', () => {
    const folder = workspace('clean');
    const typo = cxlint(['chek'], { cwd: folder });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe("cxlint: unknown command 'chek' (did you mean check?); to lint a path of that name: cxlint check chek\n");
    expect(cxlint(['check', 'chek'], { cwd: folder }).stderr).toBe('cxlint: No such file or folder: chek\n');
    const named = workspace(undefined, { 'chek/plan.yaml': lines('segments: [{id: a}]') });
    expect(cxlint(['chek'], { cwd: named }).status).toBe(0);
  });

  it('every error has the one prefix, commander’s included', () => {
    const run = cxlint(['check', '--bogus'], { cwd: workspace('clean') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cxlint: unknown option '--bogus'/);
  });

  it('--max-warnings says why it fails', () => {
    const folder = workspace(undefined, {
      'plan.yaml': lines('segments: [{id: a, timezone: UTC}]', 'templates: [{id: t, channel: sms, intent: promotion}]', 'calendar: [{date: 2026-06-01T23:00, segment: a, template: t}]'),
    });
    const run = cxlint(['check', '--max-warnings', '0'], { cwd: folder });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('cxlint: too many warnings (1, maximum 0)\n');
    expect(cxlint(['check', '--max-warnings', '1'], { cwd: folder }).stderr).toBe('');
  });

  it('help shows no empty defaults', () => {
    for (const command of ['check', 'timeline']) expect(cxlint([command, '--help'], { cwd: workspace() }).stdout).not.toContain('(default: [])');
  });
});

describe('files that are no plan', () => {
  const PLAN = { 'plan.yaml': lines('segments: [{id: a}]') };

  it('an unrelated CSV found in the folder is skipped as no plan (named with --debug); named on the command line, it is an error', () => {
    const folder = workspace(undefined, { ...PLAN, 'budget.csv': lines('quarter,amount', 'Q1,1000') });
    const run = cxlint(['check', '--debug'], { cwd: folder });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/skipped budget\.csv: a CSV file with none of the calendar columns \(add it to ignore: in cxlint\.config\.yaml/);
    expect(cxlint(['check', 'plan.yaml', 'budget.csv'], { cwd: folder }).stdout).toMatch(/budget\.csv\n +1:1 +error +no column for date/);
  });

  it('a CSV with some of the calendar columns is a broken export, and says so', () => {
    const folder = workspace(undefined, { ...PLAN, 'export.csv': lines('date,channel', '2026-06-01,email') });
    expect(cxlint(['check'], { cwd: folder }).stdout).toMatch(/export\.csv\n +1:1 +error +no column for segment/);
  });

  it('package managers’ lock files are not read, however large', () => {
    const folder = workspace(undefined, { ...PLAN, 'package-lock.json': `{"x": "${'a'.repeat(11 * 1024 * 1024)}"}`, 'sub/pnpm-lock.yaml': 'lockfileVersion: 9\n' });
    const run = cxlint(['check', '--debug'], { cwd: folder });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/lock/);
  });

  it('a folder holding only files that are no plan is exit 2, like an empty one', () => {
    const run = cxlint(['check'], { cwd: workspace(undefined, { 'budget.csv': lines('quarter,amount', 'Q1,1000') }) });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cxlint: No plan files found in \.: 1 file read, none a plan/);
  });
});

describe('the same options on every command', () => {
  it('timeline and rules take -f NAME:FILE, -o and --no-color; timeline takes -c and --no-config; check takes text for stylish', () => {
    const folder = workspace('clean');
    expect(cxlint(['timeline', '--no-color', '-f', 'json:timeline.json', '-f', 'text', '--no-config'], { cwd: folder }).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'timeline.json'), 'utf8'))).toHaveProperty('segments');
    expect(cxlint(['rules', '--no-color', '-o', 'rules.txt'], { cwd: folder }).status).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'rules.txt'), 'utf8')).toContain('duplicate-message');
    expect(cxlint(['check', '-f', 'text', '--no-color'], { cwd: folder }).stdout).toContain('no problems');
  });

  it('timeline never writes over what it reads', () => {
    const folder = workspace('clean');
    const run = cxlint(['timeline', '-o', 'plan.yaml'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Refusing to write the report to plan\.yaml/);
  });
});

describe('the vocabulary in messages', () => {
  it('an unknown intent names the close one, the known ones, and where to add one', () => {
    const folder = workspace(undefined, { 'plan.yaml': lines('segments: [{id: a}]', 'templates: [{id: t, channel: email, intent: promotoin}]') });
    const run = cxlint(['check', '--no-color'], { cwd: folder });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/unknown intent "promotoin"; did you mean "promotion"\? Known intents: announcement, apology, .*, win_back; to add one, list it under intents: in cxlint\.config\.yaml +unknown-reference/);
  });
});

describe('an internal error', () => {
  it('names the rule it happened in, says where to report it, and shows the stack only with --debug', () => {
    // A defect inside a rule, made by breaking what duplicate-message calls on every template text.
    const folder = workspace(undefined, {
      'break.mjs': "String.prototype.normalize = function () { throw new Error('boom'); };\n",
      'plan.yaml': lines('segments: [{id: a}]', 'templates: [{id: t, channel: email, intent: service, content: {en: {body: Hi}}}]'),
    });
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', path.join(folder, 'break.mjs'), BIN, 'check', 'plan.yaml', ...args], { cwd: folder, encoding: 'utf8' });
    const plain = run();
    expect(plain.status).toBe(2);
    expect(plain.stderr).toBe('cxlint: internal error in rule duplicate-message: boom\nRun again with --debug for details, and please report it at https://github.com/cxlint/cxlint/issues\n');
    expect(run('--debug').stderr).toMatch(/\n\s+at /);
  });
});
