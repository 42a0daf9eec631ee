import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/run.js';
import { PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

const CONFIG = 'extends: ./base.yaml\n';
const BASE = 'timezone: UTC\n';
const withConfig = (): string => hostileFolder({ 'plan.yaml': PLAN, 'cxlint.config.yaml': CONFIG, 'base.yaml': BASE, 'package.json': '{"name": "x"}\n' });

describe('hostile: a report never replaces what cxlint reads (issue 8.1)', () => {
  it.each([
    ['the plan, with -o', ['check', '-f', 'json', '-o', 'plan.yaml'], 'plan.yaml'],
    ['the config, with -f NAME:FILE', ['check', '-f', 'stylish:cxlint.config.yaml'], 'cxlint.config.yaml'],
    ['a file the config extends', ['check', '-f', 'json:base.yaml'], 'base.yaml'],
    ['the plan, through a path that climbs', ['check', '-o', 'sub/../plan.yaml'], 'sub/../plan.yaml'],
    ['the config named with --config', ['check', '--config', 'base.yaml', '-o', 'base.yaml'], 'base.yaml'],
  ])('%s: exit 2 before anything is written', (_, args, shown) => {
    const root = withConfig();
    fs.mkdirSync(path.join(root, 'sub'));
    expectHandled(root, args, { status: 2, stderr: `cxlint: Refusing to write the report to ${shown}: cxlint reads that file in this run\n` });
  });

  it('a file the config extends through a symbolic link', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'real/base.yaml': BASE, 'cxlint.config.yaml': 'extends: ./shared/base.yaml\n' }, (dir) =>
      fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'shared')),
    );
    expectHandled(root, ['check', '-f', 'json:real/base.yaml'], { status: 2, stderr: /Refusing to write the report to real\/base\.yaml/ });
  });

  it.each([
    ['package.json, found and skipped', ['check', '-o', 'package.json'], 'package.json'],
    ['the config, read as a plain file under --no-config', ['check', '--no-config', '-o', 'cxlint.config.yaml'], 'cxlint.config.yaml'],
  ])('another tool’s file in the folder: %s', (_, args, shown) => {
    expectHandled(withConfig(), args, { status: 2, stderr: `cxlint: Refusing to write the report to ${shown}: cxlint reads that file in this run\n` });
  });

  it('a previous report in the folder searched is read, skipped as no plan, and replaced', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN });
    expectHandled(root, ['check', '-f', 'json:cxlint.json'], { status: 0, creates: ['cxlint.json'] });
    const again = expectHandled(root, ['check', '-f', 'json:cxlint.json', '--rule', 'duplicate-message:off'], { status: 0, creates: ['cxlint.json'] });
    expect(again.stderr).toBe('');
  });

  it('the plan, through a symbolic link to it', () => {
    const root = hostileFolder({ 'plans/plan.yaml': PLAN }, (dir) => fs.symlinkSync(path.join(dir, 'plans', 'plan.yaml'), path.join(dir, 'report.json')));
    expectHandled(root, ['check', 'plans', '-f', 'json:report.json'], { status: 2, stderr: /Refusing to write the report to report\.json/ });
  });

  it('a file named explicitly among the inputs', () => {
    const root = hostileFolder({ 'a.yaml': PLAN, 'b.csv': 'date,segment,template\n2026-01-05,m,t\n' });
    expectHandled(root, ['check', 'a.yaml', 'b.csv', '-o', 'b.csv'], { status: 2, stderr: /Refusing to write the report to b\.csv/ });
  });

  it('a report written through a symbolic link replaces the file it points to, not the link', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'reports/latest.json': '{}' }, (dir) =>
      fs.symlinkSync(path.join(dir, 'reports', 'latest.json'), path.join(dir, 'report.json')),
    );
    const outside = hostileFolder();
    fs.renameSync(path.join(root, 'reports'), path.join(outside, 'reports'));
    fs.rmSync(path.join(root, 'report.json'));
    fs.symlinkSync(path.join(outside, 'reports', 'latest.json'), path.join(root, 'report.json'));
    expectHandled(root, ['check', '-f', 'json:report.json'], { status: 0 });
    expect(fs.lstatSync(path.join(root, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(outside, 'reports', 'latest.json'), 'utf8')).summary.errors).toBe(0);
  });
});

describe('hostile: special files are written through, never replaced (issue 8.2)', () => {
  it('a named pipe: the report flows through it and the pipe stays', async () => {
    const root = hostileFolder({ 'plan.yaml': PLAN }, (dir) => execFileSync('mkfifo', [path.join(dir, 'out.pipe')]));
    const received = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-pipe-')), 'received.json');
    const reader = spawn('sh', ['-c', `cat out.pipe > '${received}'`], { cwd: root });
    const done = new Promise((resolve) => reader.on('exit', resolve));
    expectHandled(root, ['check', '-f', 'json', '-o', 'out.pipe'], { status: 0, stdout: /^$/ });
    await done;
    expect(JSON.parse(fs.readFileSync(received, 'utf8')).summary.errors).toBe(0);
    expect(fs.lstatSync(path.join(root, 'out.pipe')).isFIFO()).toBe(true);
  });

  it('/dev/stdout: the report reaches standard output and /dev/stdout is still a link', () => {
    const run = expectHandled(hostileFolder({ 'plan.yaml': PLAN }), ['check', '-f', 'json', '-o', '/dev/stdout'], { status: 0 });
    expect(JSON.parse(run.stdout).summary.errors).toBe(0);
    expect(fs.lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('/dev/stdout redirected to a file: the report is appended through it, the file is not replaced', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN });
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-log-')), 'ci.log');
    fs.writeFileSync(log, 'earlier line\n');
    const result = spawnSync('sh', ['-c', `node '${BIN}' check -f stylish -f json:/dev/stdout >> '${log}'`], { cwd: root, encoding: 'utf8' });
    expect([result.status, result.stderr]).toEqual([0, '']);
    const text = fs.readFileSync(log, 'utf8');
    expect(text.startsWith('earlier line\n')).toBe(true);
    expect(text).toContain('no problems');
    expect(text).toContain('"tool"');
  });

  it('/dev/full: the write error is exit 2 with a message, and /dev/full stays a device', () => {
    expectHandled(hostileFolder({ 'plan.yaml': PLAN }), ['check', '-f', 'json:/dev/full'], { status: 2, stderr: 'cxlint: Cannot write /dev/full: ENOSPC\n' });
    expect(fs.lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('/dev/null takes the report', () => {
    expectHandled(hostileFolder({ 'plan.yaml': PLAN }), ['check', '-o', '/dev/null'], { status: 0, stdout: /^$/ });
    expect(fs.lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a folder is a usage error, before the run', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'reports/.keep': '' });
    expectHandled(root, ['check', '-o', 'reports'], { status: 2, stderr: 'cxlint: Cannot write the report to reports: it is a folder\n' });
  });

  it('a link to nothing is a usage error, and the link stays', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN }, (dir) => fs.symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'report.json')));
    expectHandled(root, ['check', '-o', 'report.json'], { status: 2, stderr: /it is a symbolic link to nothing/ });
  });
});

describe('hostile: two reports to one file (issue 8.3)', () => {
  it.each([
    [['-f', 'json:r.out', '-f', 'stylish:r.out']],
    [['-f', 'json:r.out', '-f', 'stylish:./sub/../r.out']],
    [['-f', 'json:r.out', '-f', 'stylish', '-o', 'r.out']],
    [['-f', 'json:r.out', '-f', 'stylish:r.out'], 'a named pipe: the reader would stop after the first report and the second would block'],
  ])('%j: exit 2, and no report is written', (flags, pipe?: string) => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'sub/.keep': '' }, (dir) => (pipe ? execFileSync('mkfifo', [path.join(dir, 'r.out')]) : undefined));
    expectHandled(root, ['check', ...flags], { status: 2, stderr: /^cxlint: Two reports would be written to one file \(r\.out and .*r\.out\); give each format its own file\n$/ });
  });
});
