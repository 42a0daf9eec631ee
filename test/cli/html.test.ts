import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PageData } from '../../src/reporters/page-data.js';
import { leaseEnd } from '../reporters/ci-fixtures.js';
import { cleanWorkspaces, cxlint } from './run.js';

afterAll(cleanWorkspaces);

/** The data a report page carries (what its script draws). */
function dataOf(file: string): PageData {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('<!doctype html>\n')).toBe(true);
  return JSON.parse(/<script type="application\/json" id="cxlint-data">([\s\S]*?)<\/script>/.exec(text)![1]!) as PageData;
}

describe('-f html', () => {
  it('cxlint check writes the findings and the timelines they stand on, next to another format', () => {
    const folder = leaseEnd();
    const run = cxlint(['check', '-f', 'html:report.html', '-f', 'json:report.json'], { cwd: folder, env: { SOURCE_DATE_EPOCH: '1782986400' } });
    expect(run.status).toBe(1);
    const data = dataOf(path.join(folder, 'report.html'));
    const json = JSON.parse(fs.readFileSync(path.join(folder, 'report.json'), 'utf8')) as { findings: Array<{ rule: string; file: string; line: number }>; summary: unknown };
    expect(data.checked).toBe(true);
    expect(data.time).toBe('2026-07-02T10:00:00.000Z');
    expect(data.config).toBe('cxlint.config.yaml');
    expect(data.summary).toEqual(json.summary);
    expect(data.findings.map((finding) => [finding.rule, data.plan.files[finding.file], finding.line])).toEqual(json.findings.map((finding) => [finding.rule, finding.file, finding.line]));
    // The send to lessees is written once, under lessees; its child reads it through its parent.
    const [lessees, june] = data.plan.segments;
    expect([lessees!.id, june!.id, june!.parent]).toEqual(['lessees', 'lessees-2026-06', 0]);
    expect(lessees!.sends.map(([, template]) => data.plan.templates[template]!.id)).toEqual(['upgrade-discounts', 'service-birthday']);
    expect(june!.sends.map(([, template]) => data.plan.templates[template]!.id)).toEqual(['return-appointment-sms']);
    expect(data.plan.runs.map((run) => [run.journey, run.relative])).toEqual([['lease-end', false], ['lease-end', true]]);
  });

  it('cxlint timeline draws the same page with no rule run, offering the segments --segment names', () => {
    const folder = leaseEnd();
    const run = cxlint(['timeline', '--segment', 'lessees-2026-06', '-f', 'html:timeline.html'], { cwd: folder });
    expect(run.status).toBe(0);
    const data = dataOf(path.join(folder, 'timeline.html'));
    expect(data.checked).toBe(false);
    expect(data.findings).toEqual([]);
    expect(data.plan.listed).toEqual([1]);
  });
});
