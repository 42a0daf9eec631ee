import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { CONTENT_SECURITY_POLICY, html, scriptJson } from '../../src/reporters/html.js';
import { NOSCRIPT_FINDINGS, NOSCRIPT_SEGMENTS, htmlText, noscript } from '../../src/reporters/html-noscript.js';
import { safeText } from '../../src/reporters/sanitize.js';
import type { PageData } from '../../src/reporters/page-data.js';
import type { Report } from '../../src/reporters/types.js';
import { HOSTILE, finding, hostileFinding, report as reportOf } from './ci-fixtures.js';

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

/** What a terminal or CI log would obey, or what breaks a line, if the page goes to standard output. */
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]|##\[/;
/** Markup in escaped text: any `<`, `>` or quote, or an `&` that starts no entity of escapeUTF8's. */
const MARKUP = /[<>"']|&(?!(?:amp|lt|gt|quot|apos);)/;

describe('htmlText: plan text in the <noscript> report', () => {
  it('escapes markup, and shows what a terminal would obey', () => {
    expect(htmlText('</noscript><script>alert("1")</script>')).toBe('&lt;/noscript&gt;&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;');
    expect(htmlText("<img src=x onerror='alert(1)'> &amp;")).toBe('&lt;img src=x onerror=&apos;alert(1)&apos;&gt; &amp;amp;');
    expect(htmlText('\u202egnp.exe \u2066x\u2069 a\u001b[31m ##[error] one\ntwo')).toBe('&lt;U+202E&gt;gnp.exe &lt;U+2066&gt;x&lt;U+2069&gt; a&lt;U+001B&gt;[31m #\u200b#[error] one two');
  });

  it('reads back as the text safeText makes, for any text, with no markup and nothing a terminal obeys', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary' })), (text) => {
        const written = htmlText(text);
        expect(written).not.toMatch(MARKUP);
        expect(written).not.toMatch(OBEYED);
        expect(decodeHTML(written)).toBe(safeText(text));
      }),
      { numRuns: 2000 },
    );
  });
});

/** A report of these findings with the small plan's view, as `cxlint check -f html` gives the reporter. */
function withPicture(findings: Report['findings']): Report {
  return { ...reportOf(findings), picture: { view: lintTexts(plan, { view: true }).view!, config: '<b>cxlint.yaml', time: '2026-01-01T00:00:00.000Z', checked: true } };
}

describe('html: the <noscript> report', () => {
  const findings = HOSTILE.map((text, index) => hostileFinding(text, index));
  const text = [...html(withPicture(findings), { color: false })].join('');
  const inside = text.slice(text.indexOf('<noscript>') + '<noscript>'.length, text.indexOf('</noscript>'));

  it('is one <noscript>, closed by the reporter only, before the data', () => {
    expect(text.split('<noscript>')).toHaveLength(2);
    expect(text.split('</noscript>')).toHaveLength(2);
    expect(text.indexOf('</noscript>')).toBeLessThan(text.indexOf('<script'));
  });

  it('holds only the reporter’s own elements, with no attribute a plan could write', () => {
    const tags = new Set([...inside.matchAll(/<\/?([a-zA-Z][^\s>/]*)/g)].map((tag) => tag[1]));
    expect([...tags].sort()).toEqual(['a', 'dd', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'header', 'li', 'main', 'p', 'section', 'span', 'strong', 'time', 'ul']);
    const attributes = new Set([...inside.matchAll(/<[a-z][^>]*>/g)].flatMap((tag) => [...tag[0].matchAll(/\s([^\s=]+)=/g)].map((attribute) => attribute[1])));
    expect([...attributes].sort()).toEqual(['aria-hidden', 'class', 'data-testid', 'datetime', 'href']);
    expect(inside).not.toMatch(OBEYED);
    // Each line starts with the reporter's markup, never with plan text a CI runner reads as a command (`::error`).
    expect(inside.split('\n').filter((line) => line !== '' && !line.startsWith('<'))).toEqual([]);
  });

  it('lists each finding, its plan text shown as safeText shows it, under its file', () => {
    const items = inside.split('<li class="noscript-finding">').slice(1);
    expect(items).toHaveLength(HOSTILE.length);
    for (const [index, hostile] of HOSTILE.entries()) {
      const shown = decodeHTML(items[index]!.replace(/<[^>]*>/g, ''));
      expect(shown).toContain(`${safeText(`plans/${hostile}.yaml:${index + 1}:2`)} ${safeText(hostile)}`);
      expect(shown).toContain(`segments: ${safeText(hostile)}, b`);
      expect(shown).toContain(`related: ${safeText(`${hostile}:3:4`)} ${safeText(hostile)}`);
    }
    expect(inside).toContain(`<h3>${htmlText(`plans/${HOSTILE[0]}.yaml`)}</h3>`);
    expect(inside).toContain('<dt>Config</dt><dd>&lt;b&gt;cxlint.yaml</dd>');
  });

  it('lists at most NOSCRIPT_FINDINGS findings of 300,000, in bounded pieces, and says how many it left out', () => {
    const many = Array.from({ length: 300_000 }, (_, index) =>
      finding({ message: `repeat ${index}`, location: { file: `plan${Math.floor(index / 1000)}.csv`, line: index + 2, column: 1, endLine: index + 2, endColumn: 9 } }),
    );
    const pieces = [...noscript(withPicture(many), withPicture([]).picture!)];
    const written = pieces.join('');
    expect(written.split('<li class="noscript-finding">')).toHaveLength(NOSCRIPT_FINDINGS + 1);
    expect(written).toContain(`The first ${NOSCRIPT_FINDINGS} of 300000 findings are listed here.`);
    expect(written.split('<h3>')).toHaveLength(NOSCRIPT_FINDINGS / 1000 + 1);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(4000);
    expect(written.length).toBeLessThan(NOSCRIPT_FINDINGS * 1000);
  });

  it('names at most NOSCRIPT_SEGMENTS segments of a finding, and how many more', () => {
    const segments = Array.from({ length: 1000 }, (_, index) => `segment-${index}`);
    const written = [...noscript(withPicture([finding({ segments })]), withPicture([]).picture!)].join('');
    expect(written).toContain(`segments: ${segments.slice(0, NOSCRIPT_SEGMENTS).join(', ')} and ${1000 - NOSCRIPT_SEGMENTS} more</div>`);
  });
});
