import { describe, expect, it } from 'vitest';
import { readPlan } from '../../src/engine/lint.js';
import { tempFolder } from '../temp-folders.js';

const PLAN = 'segments:\n  - {id: members, timezone: UTC}\ntemplates:\n  - {id: ping, channel: email, intent: newsletter}\n';

/** The sends read from the folder, each as date, segments and template. */
async function sendsOf(files: Record<string, string>) {
  const dir = tempFolder(files);
  const { plan, problems } = await readPlan({ cwd: dir, paths: ['.'] });
  return { sends: plan.sends.map((send) => [send.date.local, send.segments, send.template, send.timezone]), problems: problems.map((problem) => problem.message) };
}

describe('inputs[]: every mapping that matches a file counts, in order', () => {
  it('a later entry for one file adds its keys to a broader one and wins field by field', async () => {
    const config = [
      'inputs:',
      '  - files: "exports/*.csv"',
      '    timezone: Europe/Paris',
      '    columns: {date: Envoi, template: Message}',
      '  - files: exports/q3.csv',
      '    columns: {segment: Cible}',
      '',
    ].join('\n');
    const { sends, problems } = await sendsOf({
      'cxlint.config.yaml': config,
      'plan.yaml': PLAN,
      'exports/q3.csv': 'Envoi,Cible,Message\n2026-07-01 09:00,members,ping\n',
    });
    expect(problems).toEqual([]);
    expect(sends).toEqual([['2026-07-01T09:00:00', ['members'], 'ping', 'Europe/Paris']]);
  });

  it('a later entry does not undo what an earlier one says by leaving it out: the kind of rows; its columns may be that kind’s', async () => {
    const config = ['inputs:', '  - {files: people.csv, kind: segments}', '  - {files: "*.csv", columns: {id: Code, name: Nom}}', ''].join('\n');
    const dir = tempFolder({ 'cxlint.config.yaml': config, 'plan.yaml': PLAN.replace('segments:\n  - {id: members, timezone: UTC}\n', ''), 'people.csv': 'Code,Nom\nmembers,Members\n' });
    const { plan, problems } = await readPlan({ cwd: dir, paths: ['.'] });
    expect(problems.map((problem) => problem.message)).toEqual([]);
    expect([...plan.segments.values()].map((segment) => [segment.id, segment.name])).toEqual([['members', 'Members']]);
  });
});
