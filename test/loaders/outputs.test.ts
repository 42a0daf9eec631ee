import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBytes } from '../../src/loaders/index.js';
import { readYaml } from '../../src/loaders/yaml.js';

// readYaml as it is, watched: what cxlint wrote is known without it.
vi.mock('../../src/loaders/yaml.js', async (original) => {
  const real = await original<typeof import('../../src/loaders/yaml.js')>();
  return { ...real, readYaml: vi.fn(real.readYaml) };
});

const found = (file: string, text: string) => loadBytes({ file, absolutePath: `/plans/${file}`, explicit: false }, Buffer.from(text), undefined);
const named = (file: string, text: string) => loadBytes({ file, absolutePath: `/plans/${file}`, explicit: true }, Buffer.from(text), undefined);

const REPORT = JSON.stringify({ tool: { name: 'cxlint', version: '0.1.0' }, summary: { errors: 1 }, findings: [{ rule: 'state-conflict', message: 'x' }] }, null, 2);
const SUPPRESSIONS = JSON.stringify({ version: 1, suppressions: [{ fingerprint: 'ab', rule: 'quiet-hours', file: 'plan.yaml', message: 'x' }] });

describe('files cxlint wrote, found in a folder', () => {
  beforeEach(() => {
    vi.mocked(readYaml).mockClear();
  });

  it.each([
    ['a JSON report', 'cxlint.json', REPORT, 'a cxlint report or timeline'],
    ['a timeline, though it has segments', 'timeline.json', JSON.stringify({ tool: { name: 'cxlint' }, segments: [{ id: 'a' }] }), 'a cxlint report or timeline'],
    ['a suppressions file', 'cxlint-suppressions.json', SUPPRESSIONS, 'a cxlint suppressions file'],
    ['a report with a byte-order mark and leading space', 'old.json', `\uFEFF \n${REPORT}`, 'a cxlint report or timeline'],
  ])('%s is passed over without being read as YAML', (_, file, text, skipped) => {
    expect(found(file, text)).toEqual({ input: expect.anything(), fragments: [], problems: [], skipped, previousReport: true });
    expect(readYaml).not.toHaveBeenCalled();
  });

  it('a report in YAML, or JSON that only YAML reads (a trailing comma), is still known once read as YAML', () => {
    expect(found('old.yaml', 'tool: {name: cxlint}\nsegments: [{id: a}]\n')).toMatchObject({ fragments: [], problems: [], skipped: 'a cxlint report or timeline', previousReport: true });
    expect(found('old.json', '{"tool": {"name": "cxlint"},}')).toMatchObject({ fragments: [], skipped: 'a cxlint report or timeline', previousReport: true });
    expect(readYaml).toHaveBeenCalledTimes(2);
  });

  it('a JSON plan is read as YAML, with positions; so is a report named on the command line, which is not a plan', () => {
    const plan = found('plan.json', '{\n  "segments": [{"id": "a"}]\n}\n');
    expect(plan.skipped).toBeUndefined();
    expect(plan.fragments[0]?.value).toEqual({ segments: [{ id: 'a' }] });
    expect(plan.fragments[0]?.positions.get('/segments/0/id')?.value).toEqual({ file: 'plan.json', line: 2, column: 23, endLine: 2, endColumn: 26 });
    const report = named('cxlint.json', REPORT);
    expect(report.skipped).toBeUndefined();
    expect(report.problems.map((problem) => problem.message)).toEqual(['not a cxlint plan file: it has none of the sections segments, templates, journeys, calendar']);
    expect(readYaml).toHaveBeenCalledTimes(2);
  });
});
