import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';

// paris ← paris-vip; lyon. Templates and sends name the campaigns summer and autumn; a journey names onboarding.
const PLAN = {
  'plan.yaml': [
    'segments:',
    '  - {id: paris, timezone: Europe/Paris}',
    '  - {id: paris-vip, parent: paris}',
    '  - {id: lyon, timezone: Europe/Paris}',
    'templates:',
    '  - {id: t, channel: email, intent: newsletter, campaign: summer, content: {fr-FR: {subject: S, body: B}}}',
    'calendar:',
    '  - {date: 2026-03-02, segment: paris, template: t, campaign: autumn}',
    'journeys:',
    '  - {id: j, campaign: onboarding, entry: {segment: lyon, event: signup}, steps: [{send: t}]}',
    '',
  ].join('\n'),
};

const configWith = (...overrides: string[]): string => ['overrides:', ...overrides, ''].join('\n');
const inputFindings = (config: string) => lintTexts(PLAN, { config }).findings.filter((finding) => finding.category === 'input');

describe('overrides naming what the plan does not have (config-references)', () => {
  it('an unknown segment is a warning at the name in the config file, with a did-you-mean over the plan’s segments', () => {
    const findings = inputFindings(configWith('  - segments: [lyon, parris]', '    rules: {frequency-cap: warning}'));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'unknown-reference',
        severity: 'warning',
        message: 'unknown segment "parris" in overrides: the plan has no such segment; did you mean "paris"?',
        location: { file: 'cxlint.config.yaml', line: 2, column: 22, endLine: 2, endColumn: 28 },
        segments: [],
      }),
    ]);
  });

  it('an unknown campaign is a warning with a did-you-mean over the campaigns of templates, sends and journeys', () => {
    const findings = inputFindings(configWith('  - campaigns: [summer, autumn, onboarding, sumer]', '    rules: {frequency-cap: warning}'));
    expect(findings.map((finding) => [finding.severity, finding.location.line, finding.location.column, finding.message])).toEqual([
      ['warning', 2, 45, 'unknown campaign "sumer" in overrides: no template, calendar send or journey has it; did you mean "summer"?'],
    ]);
  });

  it('a name like none of the plan’s gets no suggestion; each unknown name is its own finding', () => {
    const findings = inputFindings(configWith('  - segments: [nothing-like-it]', '    campaigns: [nor-this-one]', '    rules: {frequency-cap: warning}'));
    expect(findings.map((finding) => [finding.location.line, finding.message])).toEqual([
      [2, 'unknown segment "nothing-like-it" in overrides: the plan has no such segment'],
      [3, 'unknown campaign "nor-this-one" in overrides: no template, calendar send or journey has it'],
    ]);
  });

  it('segments and campaigns the plan has (a child segment too) are no finding', () => {
    expect(inputFindings(configWith('  - segments: [paris-vip, paris]', '    campaigns: [onboarding]', '    rules: {frequency-cap: warning}'))).toEqual([]);
  });
});
