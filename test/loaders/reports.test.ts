import { describe, expect, it } from 'vitest';
import { lint, lintTexts } from '../../src/engine/lint.js';
import { loadBytes } from '../../src/loaders/index.js';
import { tempFolder } from '../temp-folders.js';

const KLAVIYO_HEADER =
  'Campaign Name,Tags,Subject,List,Send Time,Send Weekday,Total Recipients,Unique Placed Order,Placed Order Rate,Revenue,Unique Opens,Open Rate,Total Opens,Unique Clicks,Click Rate,Total Clicks,Unsubscribes,Spam Complaints,Spam Complaints Rate,Successful Deliveries,Bounces,Bounce Rate,Campaign ID,Campaign Channel';
const klaviyoRow = (name: string, lists: string, time: string, id: string, channel = 'Email', tags = '"Leasing, Promo"') =>
  `${name},${tags},Your upgrade is ready,${lists},${time},Tuesday,1200.0,4.0,0.33%,820.5,510.0,42.86%,800.0,90.0,7.56%,120.0,3.0,0.0,0.00%,1190.0,10.0,0.83%,${id},${channel}`;
// The A/B form (ADAPTERS.md §4 [KL2]): `Variant Name` after `Campaign Name`, `Winning Variant?` last.
const KLAVIYO_AB_HEADER = KLAVIYO_HEADER.replace('Campaign Name,', 'Campaign Name,Variant Name,') + ',Winning Variant?';
const klaviyoVariant = (name: string, variant: string, subject: string, time: string, id: string, winner: string) =>
  klaviyoRow(name, 'VIP', time, id).replace(`${name},`, `${name},${variant},`).replace('Your upgrade is ready', subject) + `,${winner}`;
const MAILCHIMP_HEADER =
  'Title,Subject,List,"Send Date","Send Weekday","Total Recipients","Successful Deliveries","Soft Bounces","Hard Bounces","Total Bounces","Times Forwarded","Forwarded Opens","Unique Opens","Open Rate","Total Opens","Unique Clicks","Click Rate","Total Clicks",Unsubscribes,"Abuse Complaints"';
const mailchimpRow = (title: string, list: string, date: string) => `"${title}","Subject",${list},"${date}",Wednesday,10,10,0,0,0,0,0,5,50.00%,6,1,10.00%,1,0,0`;
// The 40-column export: the 20 columns above, then Facebook, folder, id, e-commerce and analytics columns.
const MAILCHIMP_FULL_HEADER = `${MAILCHIMP_HEADER},"Times Liked on Facebook","Folder Id","Unique Id","Total Orders","Total Gross Sales","Total Revenue","Analytics ROI","Campaign Cost","Revenue Created",Visits,"New Visits",Pages/Visit,"Bounce Rate","Time on Site","Goal Conversion Rate","Per Visit Goal Value",Transactions,"Ecommerce Conversion Rate","Per Visit Value","Average Value"`;

const PLAN = `segments:
  - {id: lessees-eu, name: Lessees EU, timezone: Europe/Paris}
  - {id: vip, aliases: [VIP]}
templates:
  - {id: test-drive-nudge, channel: email, intent: promotion}
`;

const shown = (files: Record<string, string>) =>
  lintTexts(files).findings.map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column} ${finding.severity} ${finding.rule} ${finding.message}`);

describe('Mailchimp and Klaviyo campaign reports (ADAPTERS.md §4)', () => {
  it('reads a Klaviyo export as it is: lists by name or alias, several in one cell, the campaign name as template and campaign', () => {
    const files = {
      'plan.yaml': PLAN,
      'klaviyo.csv': [KLAVIYO_HEADER, klaviyoRow('Spring lease offers', '"Lessees EU, VIP"', '2026-03-03 09:30:00', '01JX0'), klaviyoRow('Test drive nudge', 'Lessees EU', '2026-03-05 18:00:00', '01JX1'), klaviyoRow('Spring lease offers', 'Lessees EU', '2026-03-06 09:30:00', '01JX2')].join('\n'),
    };
    expect(shown(files)).toEqual([
      'klaviyo.csv:2:60 info unknown-reference segment "Lessees EU" is the name of segment lessees-eu: read as lessees-eu',
      'klaviyo.csv:2:60 info unknown-reference segment "VIP" is an alias of segment vip: read as vip',
      'klaviyo.csv:4:1 error duplicate-message spring-lease-offers (email) on 2026-03-06 09:30 CET repeats the same template (email) sent to segment lessees-eu on 2026-03-03 09:30 CET, 3d earlier (window P7D)',
    ]);
    const [calendar, implied] = loadBytes({ file: 'k.csv', absolutePath: 'k.csv', explicit: false }, Buffer.from(files['klaviyo.csv']), undefined).fragments;
    expect((calendar?.value as { calendar: unknown[] }).calendar[0]).toEqual({
      id: '01JX0',
      date: '2026-03-03 09:30:00',
      segment: 'Lessees EU|VIP',
      template: 'spring-lease-offers',
      campaign: 'spring-lease-offers',
      channel: 'email',
    });
    // The plan's own test-drive-nudge takes the place of the report's stand-in (no duplicate-id above).
    expect(implied?.value).toEqual({
      templates: [
        { id: 'spring-lease-offers', name: 'Spring lease offers', channel: 'email' },
        { id: 'test-drive-nudge', name: 'Test drive nudge', channel: 'email' },
      ],
    });
  });

  it("reads Mailchimp's dates (Jun 09, 2018 09:30 pm, and a spreadsheet's 6/9/2018 21:30); broken rows are errors at their cells, the others still read", () => {
    const files = {
      'plan.yaml': PLAN,
      'mailchimp.csv': [MAILCHIMP_HEADER, mailchimpRow('Spring lease offers', 'Lessees EU', 'Mar 04, 2026 09:30 pm'), mailchimpRow('Spring lease offers', 'lessees-eu', '3/6/2026 21:30'), mailchimpRow('Broken', 'lessees-eu', 'Mar 32, 2026 09:30 pm'), '"Short row",Lessees EU'].join('\r\n'),
    };
    expect(shown(files)).toEqual([
      'mailchimp.csv:2:33 info unknown-reference segment "Lessees EU" is the name of segment lessees-eu: read as lessees-eu',
      'mailchimp.csv:3:1 error duplicate-message spring-lease-offers (email) on 2026-03-06 21:30 CET repeats the same template (email) sent to segment lessees-eu on 2026-03-04 21:30 CET, 2d earlier (window P7D)',
      'mailchimp.csv:4:31 error invalid-input Send Date "Mar 32, 2026 09:30 pm" is not a Mailchimp send date (Jun 09, 2018 09:30 pm, or 6/9/2018 21:30)',
      'mailchimp.csv:5:1 error invalid-input this row has 2 fields but the header has 20',
    ]);
  });

  it('takes only the exact header row as a sure sign; inputs[].format picks the reader whatever the header', () => {
    const partial = `${KLAVIYO_HEADER.replace(',Campaign Channel', '')}\n`;
    const plain = loadBytes({ file: 'k.csv', absolutePath: 'k.csv', explicit: false }, Buffer.from(partial), undefined);
    expect(plain.fragments).toEqual([]);
    // Not all the sure sign, but all a Klaviyo reader needs: the message names the format that reads it.
    expect(plain.problems.map((problem) => problem.message)).toEqual([
      "no column for date (date, send date, scheduled, scheduled at, start, start date, publish date); template (template, message, message id, email name, content id): rename the header or map it with inputs[].columns; the header holds a Klaviyo report's columns (Send Time, List, Campaign Name): set inputs[].format: klaviyo",
    ]);
    const forced = loadBytes({ file: 'k.csv', absolutePath: 'k.csv', explicit: false }, Buffer.from(`${partial}${klaviyoRow('Spring', 'VIP', '2026-03-03 09:30:00', 'x').replace(/,Email$/, '')}\n`), { format: 'klaviyo' });
    expect(forced.problems).toEqual([]);
    expect((forced.fragments[0]?.value as { calendar: unknown[] }).calendar).toEqual([{ id: 'x', date: '2026-03-03 09:30:00', segment: 'VIP', template: 'spring', campaign: 'spring' }]);
  });

  it("gives a campaign's template the intent inputs[].intents maps its first mapped tag to, at the Tags cell; tags that give two intents are a warning", () => {
    const intents = { leasing: 'upsell', Promo: 'promotion' };
    const rows = [
      KLAVIYO_HEADER,
      klaviyoRow('Spring lease offers', 'VIP', '2026-03-03 09:30:00', 'a', 'Email', 'Leasing'),
      klaviyoRow('Spring lease offers', 'VIP', '2026-03-20 09:30:00', 'b', 'Email', '"Promo, Leasing"'),
      klaviyoRow('Newsletter', 'VIP', '2026-03-04 09:30:00', 'c', 'Email', 'Monthly'),
    ];
    const { fragments, problems } = loadBytes({ file: 'k.csv', absolutePath: 'k.csv', explicit: false }, Buffer.from(rows.join('\n')), { intents });
    const [calendar, implied] = fragments;
    expect(implied?.value).toEqual({
      templates: [
        { id: 'spring-lease-offers', name: 'Spring lease offers', channel: 'email', intent: 'upsell' },
        { id: 'newsletter', name: 'Newsletter', channel: 'email' },
      ],
    });
    expect(implied?.positions.get('/templates/0/intent')?.value).toMatchObject({ file: 'k.csv', line: 2, column: 21 });
    // The tags are no field of a send.
    expect((calendar?.value as { calendar: object[] }).calendar.map((send) => Object.keys(send).sort())).toEqual(Array(3).fill(['campaign', 'channel', 'date', 'id', 'segment', 'template']));
    expect(problems.map((problem) => `${problem.location.line}:${problem.location.column} ${problem.severity} ${problem.message}`)).toEqual([
      '3:21 warning Tags "Promo, Leasing" give campaign "Spring lease offers" two intents: upsell, which it is read as, and promotion (tag Promo); map only one of its tags in inputs[].intents',
    ]);
  });

  it('checks the intent a tag maps to against the vocabulary, at the Tags cell', async () => {
    const dir = tempFolder({
      'plan.yaml': PLAN,
      'klaviyo.csv': [KLAVIYO_HEADER, klaviyoRow('Spring lease offers', 'VIP', '2026-03-03 09:30:00', 'a', 'Email', 'Leasing')].join('\n'),
      'cxlint.config.yaml': 'inputs:\n  - {files: klaviyo.csv, intents: {Leasing: upsel}}\n',
    });
    const { findings } = await lint({ cwd: dir, paths: ['.'] });
    expect(findings.map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column} ${finding.rule} ${finding.message}`)).toEqual([
      'klaviyo.csv:2:21 unknown-reference unknown intent "upsel"; did you mean "upsell"? Known intents: announcement, apology, cross_sell, lease_end, newsletter, onboarding, promotion, reminder, renewal, retention, service, service_reminder, survey, transactional, upsell, welcome, win_back; to add one, list it under intents: in cxlint.config.yaml',
      'klaviyo.csv:2:51 unknown-reference segment "VIP" is an alias of segment vip: read as vip',
    ]);
  });

  it("reads the variants of one campaign in Klaviyo's A/B export as one send: the winning variant's row, else the first", () => {
    const files = {
      'plan.yaml': PLAN,
      'exports/klaviyo-ab.csv': [
        KLAVIYO_AB_HEADER,
        klaviyoVariant('Spring lease offers', 'Variant A', 'Your upgrade is ready', '2026-03-03 09:30:00', '01JX0EXAMPLE00000000000000', 'FALSE'),
        // A send-time test: the winner's time is the campaign's.
        klaviyoVariant('Spring lease offers', 'Variant B', 'Upgrade now', '2026-03-03 14:00:00', '01JX0EXAMPLE00000000000000', 'TRUE'),
        klaviyoVariant('Test drive nudge', 'Variant A', 'Book a test drive', '2026-03-10 18:00:00', '01JX0EXAMPLE00000000000001', ''),
        klaviyoVariant('Test drive nudge', 'Variant B', 'Drive it today', '2026-03-10 18:00:00', '01JX0EXAMPLE00000000000001', ''),
      ].join('\n'),
    };
    // One send a campaign: no duplicate-id of its Campaign ID, no duplicate-message of one campaign to one list; the
    // first send to name VIP is the winner's row.
    expect(shown(files)).toEqual(['exports/klaviyo-ab.csv:3:60 info unknown-reference segment "VIP" is an alias of segment vip: read as vip']);
    const [calendar] = loadBytes({ file: 'k.csv', absolutePath: 'k.csv', explicit: false }, Buffer.from(files['exports/klaviyo-ab.csv']), undefined).fragments;
    expect((calendar?.value as { calendar: unknown[] }).calendar).toEqual([
      { id: '01JX0EXAMPLE00000000000000', date: '2026-03-03 14:00:00', segment: 'VIP', template: 'spring-lease-offers', campaign: 'spring-lease-offers', channel: 'email' },
      { id: '01JX0EXAMPLE00000000000001', date: '2026-03-10 18:00:00', segment: 'VIP', template: 'test-drive-nudge', campaign: 'test-drive-nudge', channel: 'email' },
    ]);
    expect(['/calendar/0', '/calendar/0/date', '/calendar/1'].map((pointer) => calendar?.positions.get(pointer)?.value)).toMatchObject([{ line: 3, column: 1 }, { line: 3, column: 64 }, { line: 4, column: 1 }]);
  });

  it('keeps two rows of one Campaign ID as two sends when they are one variant, or the export has no variants: a duplicate-id', () => {
    const variant = (name: string, winner: string) => klaviyoVariant('Spring lease offers', name, 'Your upgrade is ready', '2026-03-03 09:30:00', '01JX0', winner);
    const ab = (...rows: string[]) => shown({ 'plan.yaml': PLAN, 'ab.csv': [KLAVIYO_AB_HEADER, ...rows].join('\n') });
    expect(ab(variant('Variant A', 'FALSE'), variant('Variant A', 'TRUE'))).toEqual([
      'ab.csv:2:70 info unknown-reference segment "VIP" is an alias of segment vip: read as vip',
      'ab.csv:3:193 error duplicate-id calendar send id "01JX0" is already used at ab.csv:2',
    ]);
    // Variant B won: Variant A's first row is no send, its second still repeats it.
    expect(ab(variant('Variant A', 'FALSE'), variant('Variant A', 'FALSE'), variant('Variant B', 'TRUE'))).toEqual([
      'ab.csv:3:70 info unknown-reference segment "VIP" is an alias of segment vip: read as vip',
      'ab.csv:4:193 error duplicate-id calendar send id "01JX0" is already used at ab.csv:3',
    ]);
    const plain = [KLAVIYO_HEADER, klaviyoRow('Spring lease offers', 'vip', '2026-03-03 09:30:00', '01JX0'), klaviyoRow('Spring lease offers', 'vip', '2026-03-03 09:30:00', '01JX0')];
    expect(shown({ 'plan.yaml': PLAN, 'plain.csv': plain.join('\n') })).toEqual(['plain.csv:3:183 error duplicate-id calendar send id "01JX0" is already used at plain.csv:2']);
  });

  it("with inputs[].format, names the columns that reader needs in the report's terms, and the format whose report the header is", async () => {
    const dir = tempFolder({
      'plan.yaml': PLAN,
      'exports/mailchimp.csv': `${MAILCHIMP_FULL_HEADER}\n${mailchimpRow('Spring lease offers', 'vip', 'Mar 04, 2026 09:30 pm')},0,123,5f2a9c,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n`,
      'cxlint.config.yaml': 'inputs:\n  - {files: exports/mailchimp.csv, format: klaviyo}\n',
    });
    const { findings } = await lint({ cwd: dir, paths: ['.'] });
    expect(findings.map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column} ${finding.rule} ${finding.message}`)).toEqual([
      "exports/mailchimp.csv:1:1 invalid-input no Klaviyo column for date (Send Time); template (Campaign Name): the header holds a Mailchimp report's columns (Send Date, List, Title): set inputs[].format: mailchimp",
    ]);
    const klaviyo = `${KLAVIYO_HEADER}\n${klaviyoRow('Spring lease offers', 'vip', '2026-03-03 09:30:00', '01JX0')}\n`;
    const read = (text: string, options: Parameters<typeof loadBytes>[2]) => loadBytes({ file: 'k.csv', absolutePath: 'k.csv', explicit: false }, Buffer.from(text), options).problems.map((problem) => problem.message);
    expect(read(klaviyo, { format: 'mailchimp' })).toEqual([
      "no Mailchimp column for date (Send Date); template (Title): the header holds a Klaviyo report's columns (Send Time, List, Campaign Name): set inputs[].format: klaviyo",
    ]);
    // Neither report's header: the fix is the header, or a column inputs[].columns maps, which the reader then needs.
    const untitled = klaviyo.replace('Campaign Name', 'Name');
    expect(read(untitled, { format: 'klaviyo' })).toEqual(['no Klaviyo column for template (Campaign Name): rename the header or map it with inputs[].columns']);
    expect(read(untitled, { format: 'klaviyo', columns: { template: 'Name' } })).toEqual([]);
    expect(read(klaviyo, { format: 'klaviyo', columns: { template: 'Title' } })).toEqual(['no Klaviyo column for template (Title): rename the header or map it with inputs[].columns']);
  });

  it('without inputs[].format, names the format that reads a report stripped of its metrics, at the header', () => {
    const stripped = ['Campaign Name,Tags,Subject,List,Send Time,Send Weekday,Campaign ID,Campaign Channel', 'Spring lease offers,Leasing,Your upgrade is ready,vip,2026-03-03 09:30:00,Tuesday,01JX0,Email'].join('\n');
    const generic = 'no column for date (date, send date, scheduled, scheduled at, start, start date, publish date); template (template, message, message id, email name, content id): rename the header or map it with inputs[].columns';
    expect(shown({ 'plan.yaml': PLAN, 'exports/klaviyo.csv': stripped })).toEqual([
      `exports/klaviyo.csv:1:1 error invalid-input ${generic}; the header holds a Klaviyo report's columns (Send Time, List, Campaign Name): set inputs[].format: klaviyo`,
    ]);
    // A format chosen is the reader wanted: no hint of another.
    expect(loadBytes({ file: 'k.csv', absolutePath: 'k.csv', explicit: false }, Buffer.from(stripped), { format: 'csv' }).problems.map((problem) => problem.message)).toEqual([generic]);
  });
});
