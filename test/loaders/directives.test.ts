import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/loaders/yaml.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const directives = (text: string) => readYaml('plan.yaml', text).directives.map(({ kind, rules, reason, firstLine, lastLine, location }) => ({ kind, rules, reason, firstLine, lastLine, line: location.line, column: location.column }));

describe('suppression comments', () => {
  it('covers the list item or key that starts on the next line with content, whole', () => {
    const text = lines(
      'calendar:',
      '  # cxlint-disable-next-line duplicate-message, quiet-hours -- agreed with the client',
      '',
      '  - date: 2026-06-01', // 4
      '    segment: a',
      '    template: t', // 6
      '  - {date: 2026-06-02, segment: a, template: t}', // 7
      'templates:',
      '  # cxlint-disable-next-line locale-drift', // 9
      '  - id: t',
      '    content:',
      '      en: {body: hi}', // 12
    );
    expect(directives(text)).toEqual([
      { kind: 'disable-next-line', rules: ['duplicate-message', 'quiet-hours'], reason: 'agreed with the client', firstLine: 4, lastLine: 6, line: 2, column: 3 },
      { kind: 'disable-next-line', rules: ['locale-drift'], reason: undefined, firstLine: 10, lastLine: 12, line: 9, column: 3 },
    ]);
  });

  it('covers a whole section when it stands above its key, and one line in a flow list', () => {
    const text = lines(
      '# cxlint-disable-next-line frequency-cap -- seasonal peak',
      'calendar:', // 2
      '  - {date: 2026-06-01, segment: a, template: t}',
      '  - {date: 2026-06-02, segment: a, template: t}', // 4
      'segments: [{id: a}]',
    );
    expect(directives(text)).toMatchObject([{ firstLine: 2, lastLine: 4 }]);
  });

  it('covers the rest of the file from a `cxlint-disable`, and reads nothing from a comment that only mentions it', () => {
    const text = lines('# cxlint-disable no-consent -- legal approved this list', 'calendar: []  # not a cxlint-disable comment', 'segments: []', '# cxlint-disabled x');
    expect(directives(text)).toEqual([{ kind: 'disable', rules: ['no-consent'], reason: 'legal approved this list', firstLine: 1, lastLine: 5, line: 1, column: 1 }]);
  });

  it('takes `#` inside a quoted value for text, not a comment', () => {
    expect(directives(lines('templates: [{id: t, content: {en: {body: "# cxlint-disable x -- y"}}}]'))).toEqual([]);
  });
});
