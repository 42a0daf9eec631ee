import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { CONTENT_SECURITY_POLICY, html, scriptJson } from '../../src/reporters/html.js';
import type { PageData } from '../../src/reporters/page-data.js';
import type { Report } from '../../src/reporters/types.js';
import { HOSTILE } from './ci-fixtures.js';

/**
 * What can end a script element early or be read as a line break, and what a terminal or CI log would obey when the page
 * goes to standard output (C1 and bidi controls, `##[`): never raw in the data.
 */
const UNSAFE = /[<>&\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]|##\[/;

describe('html: JSON inside a script element', () => {
  it('escapes <, >, &, U+2028/U+2029, C1 and bidi controls and `##[`, and parses back to the same value', () => {
    for (const text of [...HOSTILE, '</script><script>alert(1)</script>', '<!-- <script>', '</SCRIPT >', 'a\u2028b\u2029c', '&lt;', 's##[group]pwn\u009b31m\u202e']) {
      const written = scriptJson({ text, list: [text] });
      expect(written).not.toMatch(UNSAFE);
      expect(JSON.parse(written)).toEqual({ text, list: [text] });
    }
  });

  it('holds for any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const written = scriptJson(value);
        expect(written).not.toMatch(UNSAFE);
        expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

const SUBJECT = '</script><script>alert(1)</script>';
const NAME = '<img src=x onerror=alert(1)> \u202egnp.exe';
const plan = {
  'segments.yaml': `segments:\n  - id: lessees\n    name: ${JSON.stringify(NAME)}\n    timezone: America/Chicago\n`,
  'templates.yaml': `templates:\n  - id: hello\n    channel: email\n    intent: promotion\n    content:\n      en-US: {subject: ${JSON.stringify(SUBJECT)}, body: "x"}\n`,
  'calendar.yaml': 'calendar:\n  - {date: 2026-07-05T09:00, segment: lessees, template: hello}\n  - {date: 2026-07-05T09:00, segment: lessees, template: hello}\n',
};

function page(): string {
  const result = lintTexts(plan, { view: true });
  const report: Report = {
    version: '1.2.3',
    root: '/work',
    findings: result.findings,
    suppressed: [],
    summary: { ...result.summary, errors: 0, warnings: 0, infos: 0, suppressed: 0 },
    picture: { view: result.view!, time: '2026-01-01T00:00:00.000Z', checked: true },
  };
  return [...html(report, { color: false })].join('');
}

const sha256 = (text: string): string => `sha256-${createHash('sha256').update(text).digest('base64')}`;

describe('html: the page', () => {
  const text = page();
  const elements = [...text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];

  it('has exactly two script elements, the data and the page script: plan text opened none', () => {
    expect(elements.map((element) => element[1])).toEqual([' type="application/json" id="cxlint-data"', '']);
    expect(text).not.toContain('<img');
  });

  it('carries the plan text unchanged in its data', () => {
    const data = JSON.parse(elements[0]![2]!) as PageData;
    expect(data.plan.templates.find((template) => template.id === 'hello')?.subject).toBe(SUBJECT);
    expect(data.plan.segments[0]!.name).toBe(NAME);
    expect(data.findings.map((finding) => finding.rule)).toContain('duplicate-message');
    expect(data.plan.segments[0]!.sends).toHaveLength(2);
  });

  it('forbids every network request and allows only its own script and style, by hash', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(text);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(meta!.index).toBeLessThan(text.indexOf('<style>'));
    expect(meta!.index).toBeLessThan(text.indexOf('<script'));
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual([`'${sha256(elements[1]![2]!)}'`]);
    expect(directives.get('style-src')).toEqual([`'${sha256(/<style>([\s\S]*?)<\/style>/.exec(text)![1]!)}'`]);
    expect(directives.get('img-src')).toEqual(['data:']);
    // No directive names a host, a scheme that reaches the network, a wildcard or an unsafe keyword.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|unsafe|blob:/);
  });
});

describe('html: the plan view', () => {
  it('is computed only when the html format asks for it', () => {
    expect(lintTexts(plan).view).toBeUndefined();
    expect(lintTexts(plan, { view: true }).view?.segments.map((segment) => segment.id)).toEqual(['lessees']);
  });
});
