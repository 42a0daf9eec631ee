// The HTML report opened in a real browser (the system's Chromium): every example's report loads with no error and no
// request, shows the JSON report's numbers, filters, selects and highlights, works from the keyboard, and passes axe.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageData } from '../../src/reporters/page-data.js';
import { REPO, cleanWorkspaces, cxlint, workspace } from '../cli/run.js';
import { launch, open } from './browser.js';

interface JsonReport {
  summary: { errors: number; warnings: number; infos: number };
  findings: Array<{
    rule: string;
    message: string;
    file: string;
    line: number;
    column: number;
    segments: string[];
    at?: string;
    after?: unknown;
    related?: Array<{ file: string; line: number; column: number; message: string }>;
  }>;
}

const EXAMPLES = fs.readdirSync(path.join(REPO, 'examples')).filter((name) => fs.existsSync(path.join(REPO, 'examples', name, 'cxlint.config.yaml')));
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  cleanWorkspaces();
});

/** `cxlint check` run in a folder, with an html and a json report written to a scratch folder. */
function reports(cwd: string, args: string[] = [], env: Record<string, string> = {}): { html: string; json: JsonReport } {
  const out = workspace();
  const run = cxlint(['check', ...args, '-f', `html:${out}/report.html`, '-f', `json:${out}/report.json`], { cwd, env });
  expect(run.status, run.stderr).toBeLessThan(2);
  return { html: path.join(out, 'report.html'), json: JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as JsonReport };
}

const pageData = (page: Page): Promise<PageData> => page.evaluate(() => JSON.parse(document.getElementById('cxlint-data')!.textContent!) as PageData);

/** Where the timeline's highlighted send is written, or what stands for a finding at no send. */
const primary = (page: Page): Promise<string | null> => page.locator('.mark-primary').first().evaluate((element) => element.getAttribute('data-at') ?? element.getAttribute('data-mark'));

describe.each(EXAMPLES)('the html report of examples/%s', (example) => {
  const folder = path.join(REPO, 'examples', example);
  // One run of cxlint per example; each test opens the report afresh.
  let html: string;
  let json: JsonReport;
  beforeAll(() => {
    ({ html, json } = reports(folder));
  });

  it('loads with no error and no request, and counts the findings as the json report does', async () => {
    const { page, requests, problems } = await open(browser, html);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    for (const [severity, count] of [['error', json.summary.errors], ['warning', json.summary.warnings], ['info', json.summary.infos]] as const) {
      expect(await page.getByTestId(`total-${severity}`).textContent()).toBe(String(count));
    }
    expect(await page.getByTestId('shown-count').textContent()).toBe(String(json.findings.length));
    // The <noscript> list is one text node, neither drawn nor read: the findings are listed once.
    expect(await page.locator('.noscript-report, .noscript-finding').count()).toBe(0);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('JavaScript is off');
    await page.close();
  });

  it('without JavaScript, shows the header and each finding, under its file, with its place, message, segments and related places', async () => {
    const { page, requests, problems } = await open(browser, html, undefined, { script: false });
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.locator('#cxlint-report').count()).toBe(0);
    for (const [severity, count] of [['error', json.summary.errors], ['warning', json.summary.warnings], ['info', json.summary.infos]] as const) {
      expect(await page.getByTestId(`total-${severity}`).textContent()).toBe(String(count));
    }
    expect(await page.locator('dt:text("Horizon") + dd').textContent()).toBe((await pageData(page)).plan.horizon.text);
    const items = await page.locator('.noscript-finding').evaluateAll((elements) => elements.map((element) => [element.closest('section')!.querySelector('h3')!.textContent!, element.textContent!] as const));
    expect(items).toHaveLength(json.findings.length);
    for (const [index, finding] of json.findings.entries()) {
      const [file, text] = items[index]!;
      expect(file).toBe(finding.file);
      expect(text).toContain(`${finding.file}:${finding.line}:${finding.column} ${finding.message}`);
      expect(text).toContain(finding.rule);
      if (finding.segments.length) expect(text).toContain(`segments: ${finding.segments.join(', ')}`);
      for (const related of finding.related ?? []) expect(text).toContain(`related: ${related.file}:${related.line}:${related.column} ${related.message}`);
    }
    if (json.findings.length) expect(await page.locator('.noscript-finding').first().isVisible()).toBe(true);
    else expect(await page.locator('.noscript-findings .empty').textContent()).toBe('No problems found.');
    await page.close();
  });

  it('filters by rule to exactly that rule’s findings', async () => {
    const { page } = await open(browser, html);
    for (const rule of new Set(json.findings.map((finding) => finding.rule))) {
      await page.selectOption('select[name="rule"]', rule);
      const expected = json.findings.filter((finding) => finding.rule === rule).length;
      expect(await page.getByTestId('shown-count').textContent()).toBe(String(expected));
      expect(await page.locator('[data-finding]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-rule')))).toEqual(Array(expected).fill(rule));
    }
    await page.close();
  });

  it('highlights the send of a finding clicked in the list', async () => {
    const { page, problems } = await open(browser, html);
    const data = await pageData(page);
    // The rows and steps sends come from (a lifecycle event's date is a source too, but no send's).
    const sent = [...data.plan.segments.flatMap((segment) => segment.sends), ...data.plan.runs.flatMap((run) => run.sends)].map((send) => send[3]);
    const sources = new Set(sent.map((source) => data.plan.sources[source]!).map(([file, line, column]) => `${data.plan.files[file]}:${line}:${column}`));
    for (const [index, finding] of json.findings.entries()) {
      if (!finding.at && !finding.after) continue;
      await page.click(`[data-finding="${index}"] button`);
      expect(await page.locator(`[data-finding="${index}"]`).getAttribute('class')).toContain('selected');
      const where = `${finding.file}:${finding.line}:${finding.column}`;
      // A finding at a row or step stands at its send; one at no send (a message missing) at its own instant.
      expect(await primary(page)).toBe(sources.has(where) ? where : `finding-${index}`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('can be used with the keyboard alone: Tab to a finding, Enter selects it', async () => {
    const { page } = await open(browser, html);
    if (json.findings.length === 0) {
      await expect(page.locator('.findings .empty').textContent()).resolves.toBe('No problems found.');
      return page.close();
    }
    let presses = 0;
    while (!(await page.evaluate(() => document.activeElement?.closest('[data-finding]') !== null)) && presses < 80) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    const index = await page.evaluate(() => document.activeElement!.closest('[data-finding]')!.getAttribute('data-finding'));
    await page.keyboard.press('Enter');
    expect(await page.locator(`[data-finding="${index}"] button`).getAttribute('aria-pressed')).toBe('true');
    if (json.findings.length > 1) {
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement!.closest('[data-finding]')!.getAttribute('data-finding'))).toBe(String(Number(index) + 1));
    }
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const { page } = await open(browser, html);
    // Evaluated through the DevTools protocol, as the page's policy rightly refuses any script of its own kind.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      return (await axe.run(document)).violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.map((node) => JSON.stringify(node.target)) }));
    });
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    await page.close();
  });
});

describe('the html report with hostile plan text', () => {
  it('shows markup and bidi controls as text and runs nothing', async () => {
    const subject = '</script><script>alert(1)</script>';
    const name = '<img src=x onerror=alert(1)> \u202egnp.exe';
    const folder = workspace(undefined, {
      'segments.yaml': `segments:\n  - id: lessees\n    name: ${JSON.stringify(name)}\n    timezone: America/Chicago\n`,
      'templates.yaml': `templates:\n  - id: hello\n    name: ${JSON.stringify(name)}\n    channel: email\n    intent: promotion\n    content:\n      en-US: {subject: ${JSON.stringify(subject)}, body: "x"}\n`,
      'calendar.yaml': 'calendar:\n  - {date: 2026-07-05T09:00, segment: lessees, template: hello}\n  - {date: 2026-07-05T09:00, segment: lessees, template: hello}\n',
    });
    const { html } = reports(folder, ['--no-config']);
    const { page, requests, problems } = await open(browser, html);
    await page.click('[data-finding="0"] button');
    await page.click('.mark-primary');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    const text = await page.evaluate(() => document.body.innerText + document.querySelector('svg title')!.textContent);
    expect(text).toContain(subject);
    expect(text).toContain('<img src=x onerror=alert(1)> <U+202E>gnp.exe');
    expect(text).not.toContain('\u202e');
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the html report with hostile plan text, without JavaScript and with it', () => {
  // Plan text in each place the <noscript> list writes it: a segment id (in the message and the segments), a file name
  // (the heading, the place and the related place). An id holds no space, so its markup is a closing tag and a script.
  const segment = '</noscript><script>alert(1)</script>\u202egnp';
  const calendar = '<img src=x onerror=alert(1)> \u202ecalendar.yaml';
  let html: string;
  beforeAll(() => {
    const folder = workspace(undefined, {
      'segments.yaml': `segments:\n  - id: ${JSON.stringify(segment)}\n    timezone: America/Chicago\n`,
      'templates.yaml': 'templates:\n  - {id: hello, channel: email, intent: promotion}\n',
      [calendar]: `calendar:\n  - {date: 2026-07-05T09:00, segment: ${JSON.stringify(segment)}, template: hello}\n  - {date: 2026-07-05T09:00, segment: ${JSON.stringify(segment)}, template: hello}\n`,
    });
    ({ html } = reports(folder, ['--no-config']));
  });

  it('without JavaScript, lists it as text inside the <noscript>: no element came of it', async () => {
    const { page, requests, problems } = await open(browser, html, undefined, { script: false });
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    // The list ends where the reporter closes the <noscript>, not at the `</noscript>` in the plan.
    expect(await page.locator('noscript .noscript-findings .noscript-finding').count()).toBe(1);
    const text = await page.locator('.noscript-finding').textContent();
    expect(text).toContain('segment </noscript><script>alert(1)</script><U+202E>gnp on');
    expect(text).toContain('segments: </noscript><script>alert(1)</script><U+202E>gnp');
    expect(text).toContain('<img src=x onerror=alert(1)> <U+202E>calendar.yaml:3:5');
    expect(text).toContain('related: <img src=x onerror=alert(1)> <U+202E>calendar.yaml:2:5');
    expect(await page.locator('.noscript-findings h3').textContent()).toBe('<img src=x onerror=alert(1)> <U+202E>calendar.yaml');
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('\u202e');
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('with JavaScript on, keeps the whole <noscript> one text node: nothing in it is parsed, run or shown', async () => {
    const { page, requests, problems } = await open(browser, html);
    // A script or handler that escaped the <noscript> would be refused by the policy, which logs a console error.
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('.noscript-report, .noscript-finding').count()).toBe(0);
    expect(await page.locator('[data-finding]').count()).toBe(1);
    await page.close();
  });
});

describe('the html report with long ids, on a desktop and a phone', () => {
  const template = `launch_offer_wechat_article_with_exclusive_member_discount_code_${'x'.repeat(60)}`;
  const segment = `customers-who-signed-up-through-the-spring-campaign-${'y'.repeat(70)}`;
  let html: string;
  beforeAll(() => {
    const folder = workspace(undefined, {
      'plan.yaml': [
        'segments:',
        `  - {id: ${segment}, timezone: Europe/Paris}`,
        'templates:',
        `  - {id: ${template}, channel: sms, intent: promotion}`,
        'calendar:',
        `  - {date: 2026-07-05T23:00, segment: ${segment}, template: ${template}}`,
        `  - {date: 2026-07-05T23:00, segment: ${segment}, template: ${template}}`,
        '',
      ].join('\n'),
    });
    ({ html } = reports(folder, ['--no-config']));
  });

  /** Elements of the selector whose content runs past their own box, or past the box of the column they stand in. */
  const overflowing = (page: Page, selector: string): Promise<string[]> =>
    page.locator(selector).evaluateAll((elements) =>
      elements
        .filter((element) => {
          const column = element.closest('.timeline, .findings, .picker') ?? document.body;
          return element.scrollWidth > element.clientWidth + 1 || element.getBoundingClientRect().right > column.getBoundingClientRect().right + 1;
        })
        .map((element) => element.className),
    );

  it('wraps plan text in the send panel and in the findings, and keeps a segment’s count of findings in view', async () => {
    const { page, problems } = await open(browser, html);
    await page.click('[data-finding="0"] button');
    await page.locator('.mark-primary').first().dispatchEvent('click');
    await page.waitForSelector('.details');
    expect(await overflowing(page, '.details, .finding .message')).toEqual([]);
    const [button, badge] = await Promise.all([page.locator('.segment').first().boundingBox(), page.locator('.segment .badge').first().boundingBox()]);
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(button!.x + button!.width);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('on a phone, sizes the lists to what they hold, so the timeline is on the first screen', async () => {
    const { page } = await open(browser, html, { width: 390, height: 844 });
    const list = await page.locator('.segment-list').boundingBox();
    expect(list!.height).toBeLessThan(100);
    expect((await page.locator('.swimlanes').boundingBox())!.y).toBeLessThan(844);
    await page.close();
  });
});

describe('the timeline of examples/well-run-launch', () => {
  it('draws two sends at one instant as two marks, and no label over another', async () => {
    const { html } = reports(path.join(REPO, 'examples', 'well-run-launch'));
    const { page } = await open(browser, html);
    const boxes = async (selector: string) => (await page.locator(selector).evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON()))) as Array<{ x: number; y: number; width: number; height: number }>;
    const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const labels = await boxes('.mark-label');
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => overlap(a, b)).map(() => i))).toEqual([]);
    const shapes = await boxes('.mark .shape');
    const centres = new Set(shapes.map(({ x, y, width, height }) => `${Math.round(x + width / 2)},${Math.round(y + height / 2)}`));
    expect(centres.size).toBe(shapes.length);
    await page.close();
  });
});

describe('the sends on the timeline, from the keyboard', () => {
  it('one send in view is a Tab stop; Left, Right, Home and End move in time, bringing the send into view; Enter shows it', async () => {
    const folder = workspace(undefined, {
      'plan.yaml':
        'segments:\n  - {id: lessees, timezone: America/Chicago}\ntemplates:\n  - {id: hello, channel: email, intent: promotion}\n  - {id: nudge, channel: sms, intent: reminder}\n' +
        'calendar:\n  - {date: 2026-03-20T10:00, segment: lessees, template: nudge}\n  - {date: 2026-03-02T10:00, segment: lessees, template: hello}\n  - {date: 2026-04-28T10:00, segment: lessees, template: hello}\n',
    });
    // Two months: a month's window around the middle shows the send of 20 March only.
    const { html } = reports(folder, ['--no-config', '--from', '2026-03-01', '--to', '2026-04-30']);
    const { page, problems } = await open(browser, html);
    await page.click('button:text-is("month")');
    expect(await page.locator('[data-mark]').count()).toBe(1);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-at') ?? null);
    let presses = 0;
    // Focus follows a move once the timeline is drawn again: each expectation waits for it.
    while ((await focused()) === null && presses < 80) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    await expect.poll(focused).toBe('plan.yaml:7:5');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focused).toBe('plan.yaml:8:5');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focused).toBe('plan.yaml:8:5');
    await page.keyboard.press('End');
    await expect.poll(focused).toBe('plan.yaml:9:5');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('plan.yaml:7:5');
    // Still one Tab stop: the send last reached.
    expect(await page.locator('[data-mark][tabindex="0"]').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-at')))).toEqual(['plan.yaml:7:5']);
    await page.keyboard.press('Enter');
    const label = await page.evaluate(() => document.activeElement!.getAttribute('aria-label'));
    expect(label).toMatch(/nudge/);
    expect(await page.locator('.details .send').textContent()).toBe(label);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('cxlint timeline -f html', () => {
  it('draws the timelines with no rule run', async () => {
    const out = workspace();
    const run = cxlint(['timeline', '-f', `html:${out}/timeline.html`], { cwd: path.join(REPO, 'examples', 'lease-end') });
    expect(run.status, run.stderr).toBe(0);
    const { page, requests, problems } = await open(browser, path.join(out, 'timeline.html'));
    expect(await page.locator('h1').textContent()).toBe('cxlint timeline');
    expect(await page.locator('.mark').count()).toBeGreaterThan(0);
    // The header says the horizon as the text timeline does: each end's day in its own zone.
    const text = cxlint(['timeline'], { cwd: path.join(REPO, 'examples', 'lease-end') }).stdout.split('\n')[0];
    expect(`horizon ${await page.locator('dt:text("Horizon") + dd').textContent()}`).toBe(text);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('print', () => {
  it('gives the header, then each segment with findings: its whole-horizon timeline and its findings', async () => {
    const { html, json } = reports(path.join(REPO, 'examples', 'lease-end'));
    const { page, problems } = await open(browser, html);
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.layout').isVisible()).toBe(false);
    expect(await page.locator('.report-header').isVisible()).toBe(true);
    const segments = await page.locator('.print-segment').evaluateAll((sections) =>
      sections.map((section) => [section.querySelector('h2')!.textContent, section.querySelectorAll('svg .mark').length > 0, section.querySelectorAll('li').length]),
    );
    const count = (id: string): number => json.findings.filter((finding) => finding.segments.includes(id)).length;
    expect(segments).toEqual([
      ['lessees — Active lessees', true, count('lessees')],
      ['lessees-2026-06 — Leases ending in June 2026', true, count('lessees-2026-06')],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the README screenshot', () => {
  it('is the lease-end report with a finding selected (docs/images/report.png)', async () => {
    // A fixed time of run (SOURCE_DATE_EPOCH), so that the committed picture changes only when the page does.
    const { html } = reports(path.join(REPO, 'examples', 'lease-end'), [], { SOURCE_DATE_EPOCH: '1782986400' });
    const { page } = await open(browser, html, { width: 1400, height: 820 });
    expect(await page.locator('time').textContent()).toBe('2026-07-02 10:00 UTC');
    await page.click('[data-finding="0"] button');
    fs.mkdirSync(path.join(REPO, 'docs', 'images'), { recursive: true });
    await page.screenshot({ path: path.join(REPO, 'docs', 'images', 'report.png') });
    await page.close();
  });
});
