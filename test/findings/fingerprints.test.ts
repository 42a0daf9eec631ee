import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintTexts } from '../../src/engine/lint.js';
import { tempFolder as project } from '../temp-folders.js';

const PLAN = [
  'segments: [{id: m, timezone: UTC}]',
  'templates: [{id: t, channel: email, intent: promotion}]',
  'calendar:',
  '  - {date: 2026-03-02, segment: m, template: t}',
  '  - {date: 2026-03-03, segment: m, template: t}',
  '',
].join('\n');

describe('fingerprints', () => {
  it('hash the file relative to the config’s folder: a run from another folder gives the same ones', async () => {
    const root = project({ 'campaigns/cxlint.config.yaml': 'timezone: UTC\n', 'campaigns/plan/q1.yaml': PLAN });
    const inside = await lint({ cwd: path.join(root, 'campaigns'), paths: ['plan'] });
    const outside = await lint({ cwd: root, paths: ['campaigns/plan'], configFile: 'campaigns/cxlint.config.yaml' });
    expect(inside.findings.map((f) => f.location.file)).toEqual(['plan/q1.yaml']);
    expect(outside.findings.map((f) => f.location.file)).toEqual(['campaigns/plan/q1.yaml']);
    expect(outside.findings.map((f) => f.fingerprint)).toEqual(inside.findings.map((f) => f.fingerprint));
  });

  it('are left out (empty) only when the run asks for none, and nothing else changes', () => {
    const files = { 'plan.yaml': PLAN };
    const hashed = lintTexts(files).findings;
    expect(hashed.length).toBeGreaterThan(0);
    expect(hashed.every((finding) => /^[0-9a-f]{32}$/.test(finding.fingerprint))).toBe(true);
    expect(lintTexts(files, { fingerprints: false }).findings).toEqual(hashed.map((finding) => ({ ...finding, fingerprint: '' })));
  });

  it('two problems alike in rule, file, ids and segments still get two fingerprints', async () => {
    const root = project({ 'plan.yaml': 'segments: [{id: m}]\ncalendar:\n  - {date: 2026-03-02, segment: m, template: gone}\n  - {date: 2026-03-02, segment: m, template: gone}\n' });
    const { findings } = await lint({ cwd: root, paths: ['.'], noConfig: true });
    const unknown = findings.filter((f) => f.rule === 'unknown-reference');
    expect(unknown).toHaveLength(2);
    expect(new Set(unknown.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('no id can make the name of another row or step (ids hold no space; names separate their parts with one)', () => {
    const { plan } = lintTexts({
      'plan.yaml': [
        'segments: [{id: m}]',
        'templates: [{id: t, channel: email, intent: newsletter}]',
        'journeys:',
        '  - {id: j, entry: {segment: m, event: signup}, steps: [{id: "x@send:t/email", send: t}]}',
        '  - {id: "j#x", entry: {segment: m, event: signup}, steps: [{send: t, channel: email}]}',
        'calendar:',
        '  - {id: "@2026-03-02T09:00:00|m|t||", date: 2026-03-02, segment: m, template: t}',
        '  - {date: 2026-03-02, segment: m, template: t}',
        '',
      ].join('\n'),
    });
    const keys = [...plan.journeys.values()].flatMap((journey) => journey.steps.map((step) => step.key)).concat(plan.sends.map((send) => send.key));
    expect(new Set(keys).size).toBe(4);
  });
});
