import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GIGABYTE, PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

/** The hostile inputs cxlint already handled before issue 8, kept in the battery so that they stay handled. */
describe('hostile: broken and malicious plan files', () => {
  it('a "billion laughs" alias bomb is one invalid-input finding', () => {
    const levels = Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`);
    const bomb = `l0: &l0 [lol]\n${levels.join('\n')}\nsegments: *l12\n`;
    expectHandled(hostileFolder({ 'bomb.yaml': bomb, 'plan.yaml': PLAN }), ['check'], { status: 1, stdout: /invalid-input/, maxRss: GIGABYTE });
  });

  it('deep flow nesting and deep block nesting', () => {
    const flow = `segments: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const block = `segments:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}- `).join('\n')}x\n`;
    expectHandled(hostileFolder({ 'flow.yaml': flow, 'block.yaml': block, 'plan.yaml': PLAN }), ['check'], { status: 1, stdout: /nest/i });
  });

  it('prototype keys are ordinary keys', () => {
    const plan = `${PLAN}calendar:\n  - {date: 2026-01-05, segment: m, template: t, __proto__: {polluted: true}, constructor: x}\n`;
    expectHandled(hostileFolder({ 'plan.yaml': plan }), ['check'], { status: 1, stdout: /invalid-input/ });
  });

  it('a binary file and invalid UTF-8', () => {
    const files = { 'image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x1b, 0x5b]), 'latin1.csv': Buffer.from('date,segment,template\n2026-01-05,m\xe9,t\n', 'latin1'), 'plan.yaml': PLAN };
    expectHandled(hostileFolder(files), ['check'], { status: 1, stdout: /binary|UTF-8/ });
  });

  it('a UTF-16 CSV with a byte-order mark is read', () => {
    const csv = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date,segment,template\r\n2026-01-05,m,t\r\n', 'utf16le')]);
    const run = expectHandled(hostileFolder({ 'plan.yaml': PLAN, 'calendar.csv': csv }), ['check', '-f', 'json'], { status: 0 });
    expect(JSON.parse(run.stdout).summary.sends).toBe(1);
  });

  it('a YAML file self-referencing through an alias', () => {
    expectHandled(hostileFolder({ 'self.yaml': 'segments: &a [*a]\n', 'plan.yaml': PLAN }), ['check'], { status: 1, stdout: /invalid-input/ });
  });
});

describe('hostile: the file system', () => {
  it('symbolic link loops, and links out of the folder, are not followed', () => {
    const outside = hostileFolder({ 'secret.yaml': 'segments: [{id: secret}]\n' });
    const root = hostileFolder({ 'plan.yaml': PLAN }, (dir) => {
      fs.symlinkSync(path.join(dir, 'b.yaml'), path.join(dir, 'a.yaml'));
      fs.symlinkSync(path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'));
      fs.symlinkSync(dir, path.join(dir, 'loop'));
      fs.symlinkSync(outside, path.join(dir, 'outside'));
      fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'secret.yaml'));
    });
    const run = expectHandled(root, ['check', '-f', 'json'], { status: 0 });
    expect(JSON.parse(run.stdout).summary).toMatchObject({ files: 1, segments: 1 });
  });

  it('a folder of 5,000 plan files', () => {
    const files: Record<string, string> = { 'plan.yaml': PLAN };
    for (let i = 0; i < 5000; i += 1) files[`part/${String(i).padStart(4, '0')}.yaml`] = `segments:\n  - {id: s${i}, parent: m}\n`;
    const run = expectHandled(hostileFolder(files), ['check', '-f', 'json'], { status: 0, maxRss: GIGABYTE }, { timeoutMs: 60_000 });
    expect(JSON.parse(run.stdout).summary).toMatchObject({ files: 5001, segments: 5001 });
  });

  it('a name with a backslash is read from a folder as when named (a plan must not slip past CI by its name)', () => {
    const other = PLAN.replace('id: m,', 'id: n,').replace('id: t,', 'id: u,');
    const root = hostileFolder({ 'plan.yaml': PLAN, 'a\\b.yaml': other, 'c\\d/e.yaml': other.replace('id: n,', 'id: o,').replace('id: u,', 'id: v,') });
    const run = expectHandled(root, ['check', '-f', 'json'], { status: 0 });
    expect(JSON.parse(run.stdout).summary).toMatchObject({ files: 3, segments: 3 });
  });

  it('paths with spaces and a leading dash', () => {
    const root = hostileFolder({ 'my plans/-q3 plan.yaml': PLAN, '-x/plan.yaml': PLAN.replace('id: m,', 'id: n,').replace('id: t,', 'id: u,') });
    const run = expectHandled(root, ['check', '-f', 'json', '--', 'my plans/-q3 plan.yaml', '-x'], { status: 0 });
    expect(JSON.parse(run.stdout).summary).toMatchObject({ files: 2, segments: 2 });
  });
});
