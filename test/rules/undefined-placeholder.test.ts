import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'undefined-placeholder';

const config = lines('profile:', '  fields: [first_name, last_name, "leasing.*", "dealer.*"]');

const templates = lines(
  'templates:',
  '  - id: lease-ending', // 2
  '    channel: email',
  '    intent: lease_end',
  '    facts:',
  '      lease_end: "{{leasing.end}}"',
  '      return_by: "{{leasng.return_date}}"', // 7
  '    content:',
  '      en-US:',
  '        subject: "Your lease ends soon, {{frist_name}}"', // 10
  '        body: "Hi {{ first_name }} {{last_name}}, return it to {{dealer.name}} by {{leasing.contract.end}}."',
  '        buttons:',
  '          - label: "Call {{dealer.phone}}"',
  '            url: "https://example.com/{{customer_id}}"', // 14
  '      fr-FR:',
  '        subject: "Votre contrat se termine, {{first_name}}"',
  '        body: "{{leasing}} {{prenom}}"', // 17
);

describe('undefined-placeholder', () => {
  it('reports the placeholders the profile lacks, once per field holding them, with a did-you-mean', async () => {
    const findings = await findingsOf(rule, { 'cxlint.config.yaml': config, 'templates.yaml': templates });
    expect(findings).toEqual([
      {
        rule,
        file: 'templates.yaml',
        line: 7,
        column: 18,
        severity: 'error',
        message: '{{leasng.return_date}} in lease-ending (fact return_by) is not a field of the customer profile; did you mean {{leasing.return_date}}?',
        segments: [],
      },
      {
        rule,
        file: 'templates.yaml',
        line: 10,
        column: 18,
        severity: 'error',
        message: '{{frist_name}} in lease-ending (en-US subject) is not a field of the customer profile; did you mean {{first_name}}?',
        segments: [],
      },
      {
        rule,
        file: 'templates.yaml',
        line: 14,
        column: 18,
        severity: 'error',
        message: '{{customer_id}} in lease-ending (en-US buttons 0 url) is not a field of the customer profile',
        segments: [],
      },
      // One field, one finding: the placeholders of one text that the profile lacks are one problem of that text.
      {
        rule,
        file: 'templates.yaml',
        line: 17,
        column: 15,
        severity: 'error',
        message: '{{leasing}}, {{prenom}} in lease-ending (fr-FR body) are not fields of the customer profile',
        segments: [],
      },
    ]);
  });

  it('reports nothing when the config has no profile', async () => {
    expect(await findingsOf(rule, { 'cxlint.config.yaml': lines('timezone: UTC'), 'templates.yaml': templates })).toEqual([]);
    expect(await findingsOf(rule, { 'templates.yaml': templates })).toEqual([]);
  });

  it('matches a field exactly, a.* every field below a, and * every field', async () => {
    const plan = lines(
      'templates:',
      '  - id: t',
      '    channel: email',
      '    intent: service',
      '    content: {en-US: {body: "{{a.b}} {{a.b.c}} {{a}} {{ab.c}} {{x.y}} {{x}}"}}',
    );
    const messages = async (fields: string): Promise<string[]> =>
      (await findingsOf(rule, { 'cxlint.config.yaml': lines('profile:', `  fields: ${fields}`), 'templates.yaml': plan })).map((f) => f.message.split(' in ')[0]!);
    expect(await messages('["a.*", x.y]')).toEqual(['{{a}}, {{ab.c}}, {{x}}']);
    expect(await messages('["*"]')).toEqual([]);
    expect(await messages('[]')).toEqual(['{{a.b}}, {{a.b.c}}, {{a}}, {{ab.c}}, {{x.y}}, {{x}}']);
  });

  it('names each placeholder once, and gives each its did-you-mean', async () => {
    const plan = lines('templates:', '  - {id: t, channel: email, intent: service, content: {en-US: {body: "{{frist_name}} {{frist_name}} {{lst_name}} {{zzz}}"}}}');
    const findings = await findingsOf(rule, { 'cxlint.config.yaml': config, 'templates.yaml': plan });
    expect(findings.map((finding) => finding.message)).toEqual([
      '{{frist_name}}, {{lst_name}}, {{zzz}} in t (en-US body) are not fields of the customer profile; {{frist_name}}: did you mean {{first_name}}?; {{lst_name}}: did you mean {{last_name}}?',
    ]);
  });
});
