import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { SheetData } from 'write-excel-file/node';
import { lint, lintTexts } from '../../src/engine/lint.js';
import { cellName } from '../../src/loaders/adapters/xlsx-read.js';
import { tempFolder } from '../temp-folders.js';

const PLAN = `segments:
  - {id: lessees, name: Lessees EU, timezone: Europe/Paris}
templates:
  - {id: upgrade-email, channel: email, intent: upsell}
  - {id: offer-sms, channel: sms, intent: promotion}
`;

/** A workbook made as Excel stores it: dates as date cells with a display format, the rest as text or numbers. */
async function workbook(sheets: Array<{ name: string; data: SheetData }>): Promise<Buffer> {
  return (await writeXlsxFile(sheets.map(({ name, data }) => ({ data, sheet: name })))).toBuffer();
}

const date = (iso: string, format = 'dd/mm/yyyy hh:mm') => ({ value: new Date(`${iso}Z`), type: Date, format });
const text = (value: string) => ({ value });

/** Lints a folder holding the plan, `plan.xlsx` and a config, and lists each finding with its place. */
async function check(xlsx: Buffer, config = 'timezone: Europe/Paris\n') {
  const dir = tempFolder({ 'plan.yaml': PLAN, 'cxlint.config.yaml': config });
  fs.writeFileSync(path.join(dir, 'plan.xlsx'), xlsx);
  const { findings, summary } = await lint({ cwd: dir, paths: ['.'] });
  return { summary, found: findings.map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column} ${finding.rule} ${finding.message}`) };
}

describe('xlsx adapter: the first sheet read as a calendar CSV', () => {
  it('names cells as Excel does', () => {
    expect([cellName(1, 1), cellName(12, 2), cellName(3, 26), cellName(3, 27), cellName(9, 703)]).toEqual(['A1', 'B12', 'Z3', 'AA3', 'AAA9']);
  });

  it('reads date cells as dates (rounded to the second), a time cell as the time, aliases as in CSV; findings at row:column, their messages led by the cell or row', async () => {
    const xlsx = await workbook([
      {
        name: 'Calendrier',
        data: [
          [text('Send date'), text('Time'), text('Audience'), text('Email name'), text('Notes')],
          [date('2026-03-03T09:30:00'), null, text('lessees'), text('upgrade-email'), text('first wave')],
          [date('2026-03-05T00:00:00', 'dd/mm/yyyy'), { value: new Date('1899-12-30T22:15:00Z'), type: Date, format: 'hh:mm' }, text('Lessees EU'), text('offer-sms'), null],
          [date('2026-03-06T10:00:00'), null, text('lessees'), text('upgrade-emial'), null],
        ],
      },
      { name: 'Budget', data: [[text('Line'), text('Amount')]] },
    ]);
    const { found, summary } = await check(xlsx);
    // The third row names an unknown template: reported, and on no timeline (so not among the sends checked).
    expect(summary).toEqual({ files: 2, segments: 1, sends: 2 });
    expect(found).toEqual([
      'plan.xlsx:3:1 quiet-hours row 3: offer-sms (promotion, sms) on 2026-03-05 22:15 CET falls in the quiet hours 21:00–08:00 of sms (22:15 in Europe/Paris) for segment lessees',
      'plan.xlsx:3:3 unknown-reference C3: segment "Lessees EU" is the name of segment lessees: read as lessees',
      'plan.xlsx:4:4 unknown-reference D4: unknown template "upgrade-emial"; did you mean "upgrade-email"?',
    ]);
  });

  it('reads inputs[].sheet, its columns mapping and dateFormat for dates typed as text', async () => {
    const xlsx = await workbook([
      { name: 'Notes', data: [[text('nothing here')]] },
      { name: 'Plan', data: [[text("Date d'envoi"), text('Cible'), text('Message')], [text('03/04/2026 09:00'), text('lessees'), text('upgrade-email')], [text('31/04/2026 09:00'), text('lessees'), text('upgrade-email')]] },
    ]);
    const config = `timezone: Europe/Paris
inputs:
  - files: plan.xlsx
    sheet: Plan
    dateFormat: dd/MM/yyyy HH:mm
    columns: {date: "Date d'envoi", segment: Cible, template: Message}
`;
    const { found, summary } = await check(xlsx, config);
    expect(summary.sends).toBe(1);
    expect(found).toEqual(['plan.xlsx:3:1 invalid-input Plan!A3: "31/04/2026 09:00" is not a real date (day 31 does not exist in that month)']);
  });

  it('reads every sheet that inputs[] entries name, each as its entries say, with what an entry naming no sheet says', async () => {
    const xlsx = await workbook([
      { name: 'Segments', data: [[text('id'), text('timezone')], [text('members'), text('Europe/Berlin')]] },
      { name: 'Send plan', data: [[text('Date'), text('Cible'), text('Template')], [text('2026-03-04 09:00'), text('members'), text('upgrade-email')], [text('2026-03-05 09:00'), text('memberz'), text('upgrade-email')]] },
      { name: 'Notes', data: [[text('nothing here')]] },
    ]);
    const config = `timezone: Europe/Paris
inputs:
  - {files: plan.xlsx, columns: {segment: Cible}}
  - {files: plan.xlsx, sheet: Segments, kind: segments}
  - {files: plan.xlsx, sheet: Send plan}
`;
    const { found, summary } = await check(xlsx, config);
    // One workbook, two sheets read: the segment of one sheet is what the other sends to, in its zone.
    expect(summary).toEqual({ files: 2, segments: 2, sends: 1 });
    expect(found).toEqual(["plan.xlsx:3:2 unknown-reference 'Send plan'!B3: unknown segment \"memberz\"; did you mean \"members\"?"]);
  });

  it('reads a file other than a workbook once, whatever sheets the entries that match it name', async () => {
    const xlsx = await workbook([
      { name: 'Segments', data: [[text('id')], [text('members')]] },
      { name: 'Calendar', data: [[text('Date'), text('Segment'), text('Template')], [text('2026-03-04 09:00'), text('members'), text('upgrade-email')]] },
    ]);
    const config = 'timezone: Europe/Paris\ninputs:\n  - {files: "plan.*", sheet: Calendar}\n  - {files: "plan.*", sheet: Segments, kind: segments}\n';
    const { found, summary } = await check(xlsx, config);
    expect(found).toEqual([]);
    expect(summary).toEqual({ files: 2, segments: 2, sends: 1 });
  });

  it('passes over a workbook found in a folder whose first sheet has none of the calendar columns, as a CSV file', async () => {
    const budget = await workbook([{ name: 'Budget', data: [[text('Line'), text('Amount')], [text('print'), { value: 1200 }]] }]);
    const { found, summary } = await check(budget);
    expect(found).toEqual([]);
    expect(summary).toEqual({ files: 1, segments: 1, sends: 0 });
    // Named by the config, it is read, and what it lacks is said.
    expect((await check(budget, 'inputs:\n  - {files: plan.xlsx}\n')).found).toEqual([
      'plan.xlsx:1:1 invalid-input row 1: no column for date (date, send date, scheduled, scheduled at, start, start date, publish date); segment (segment, audience, list, target); template (template, message, message id, email name, content id): rename the header or map it with inputs[].columns',
    ]);
  });

  it('reports a header without the calendar columns, and two columns for one field with the cell name', async () => {
    const xlsx = await workbook([{ name: 'S', data: [[text('Date'), text('Segment'), text('Template'), text('Audience')], [date('2026-03-03T09:30:00'), text('lessees'), text('upgrade-email'), text('lessees')]] }]);
    expect((await check(xlsx)).found).toEqual(['plan.xlsx:1:4 invalid-input D1: two columns give "segment": "Segment" and "Audience"; keep one, or map one with inputs[].columns']);
    const noTemplate = await workbook([{ name: 'S', data: [[text('Date'), text('Segment')], [date('2026-03-03T09:30:00'), text('lessees')]] }]);
    expect((await check(noTemplate)).found).toEqual([
      'plan.xlsx:1:1 invalid-input row 1: no column for template (template, message, message id, email name, content id): rename the header or map it with inputs[].columns',
    ]);
  });

  it('reports a truncated workbook, a missing sheet, and a workbook given as text, at 1:1', async () => {
    const xlsx = await workbook([{ name: 'Plan', data: [[text('Date')]] }]);
    expect((await check(xlsx.subarray(0, 300))).found).toEqual([
      'plan.xlsx:1:1 invalid-input unreadable workbook (INVALID_ZIP): the file is cut short or no .xlsx (an old .xls is not read: save it as .xlsx)',
    ]);
    expect((await check(xlsx, 'inputs:\n  - {files: plan.xlsx, sheet: Calendar}\n')).found).toEqual(['plan.xlsx:1:1 invalid-input no sheet "Calendar" in this workbook (inputs[].sheet); its sheets are Plan']);
    expect(lintTexts({ 'plan.yaml': PLAN, 'plan.xlsx': 'PK' }).findings.map((finding) => finding.message)).toEqual([
      'xlsx files are binary: they are read from disk (cxlint check), not given as text',
    ]);
  });
});
