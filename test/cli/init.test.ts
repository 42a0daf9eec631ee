import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const SCHEMA_ID = 'https://cxlint.dev/schemas/config.schema.json';

const PLAN = `segments:
  - id: members
templates:
  - {id: hello-email, channel: email, intent: welcome}
calendar:
  - {date: 2026-09-01T10:00, segment: members, template: hello-email}
`;

const configOf = (root: string): string => fs.readFileSync(path.join(root, 'cxlint.config.yaml'), 'utf8');

/** The findings of `cxlint check -f json` in a folder (the report JSON, without the exit-code trailer of expected.json). */
function findingsOf(text: string): unknown {
  return JSON.parse(text.slice(0, text.lastIndexOf('}') + 1)).findings;
}

describe('cxlint init', () => {
  it('writes the config with the modeline and the time zone, then prints a one-line check summary and the next step', () => {
    const root = workspace(undefined, { 'plan.yaml': PLAN });
    const run = cxlint(['init', '--timezone', 'Europe/Paris'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'Wrote cxlint.config.yaml: timezone Europe/Paris, 0 input mappings\n' +
        'cxlint check: 0 errors, 0 warnings, 0 infos in 1 plan file\n' +
        'Next: run cxlint check in CI.\n',
    );
    const text = configOf(root);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_ID}`);
    expect(parse(text)).toEqual({ extends: 'cxlint:recommended', timezone: 'Europe/Paris' });
    expect(cxlint(['check'], { cwd: root }).status).toBe(0);
  });

  it('names the folder given, and suggests --suppress-all when there are findings', () => {
    const root = workspace(undefined, {
      'team/plan.yaml': `${PLAN}  - {date: 2026-09-02T10:00, segment: members, template: hello-email}\n`,
    });
    const run = cxlint(['init', 'team', '--timezone', 'UTC'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Wrote team\/cxlint\.config\.yaml: timezone UTC, 0 input mappings\ncxlint check: 1 error, 0 warnings, 0 infos in 1 plan file\n/);
    expect(run.stdout).toContain('Next: fix them, or run cxlint check team --suppress-all');
    expect(fs.existsSync(path.join(root, 'team', 'cxlint.config.yaml'))).toBe(true);
  });

  it('refuses to replace a config without --force (exit 2, file unchanged)', () => {
    const root = workspace(undefined, { 'plan.yaml': PLAN, 'cxlint.config.yaml': '# mine\ntimezone: Asia/Tokyo\n' });
    const run = cxlint(['init', '--timezone', 'UTC'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cxlint: cxlint.config.yaml already exists: not replaced (run cxlint init --force to write a new one over it)\n');
    expect(run.stdout).toBe('');
    expect(configOf(root)).toBe('# mine\ntimezone: Asia/Tokyo\n');
  });

  it('refuses when another config name is there, which the new file would shadow', () => {
    const root = workspace(undefined, { 'plan.yaml': PLAN, '.cxlintrc.yaml': 'timezone: Asia/Tokyo\n' });
    const run = cxlint(['init'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.cxlintrc.yaml is the config of . already');
    expect(fs.existsSync(path.join(root, 'cxlint.config.yaml'))).toBe(false);
  });

  it('--force replaces the config atomically (a new file renamed over it, no temporary file left)', () => {
    const root = workspace(undefined, { 'plan.yaml': PLAN, 'cxlint.config.yaml': 'timezone: Asia/Tokyo\n' });
    const before = fs.statSync(path.join(root, 'cxlint.config.yaml')).ino;
    const run = cxlint(['init', '--force', '--timezone', 'America/Chicago'], { cwd: root });
    expect(run.status).toBe(0);
    expect(parse(configOf(root))).toEqual({ extends: 'cxlint:recommended', timezone: 'America/Chicago' });
    expect(fs.statSync(path.join(root, 'cxlint.config.yaml')).ino).not.toBe(before);
    expect(fs.readdirSync(root).sort()).toEqual(['cxlint.config.yaml', 'plan.yaml']);
  });

  it("takes the machine's time zone without --timezone, and refuses an unknown one", () => {
    const root = workspace(undefined, { 'plan.yaml': PLAN });
    expect(cxlint(['init'], { cwd: root, env: { TZ: 'Asia/Tokyo' } }).stdout).toContain('timezone Asia/Tokyo');
    expect(parse(configOf(root)).timezone).toBe('Asia/Tokyo');
    const other = workspace(undefined, { 'plan.yaml': PLAN });
    const bad = cxlint(['init', '--timezone', 'Mars/Olympus'], { cwd: other });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"Mars/Olympus" is not an IANA time zone');
    expect(fs.existsSync(path.join(other, 'cxlint.config.yaml'))).toBe(false);
  });

  it('points the modeline at an installed cxlint when node_modules has one', () => {
    const root = workspace(undefined, { 'node_modules/cxlint/schemas/config.schema.json': '{}', 'plans/plan.yaml': PLAN });
    cxlint(['init', 'plans', '--timezone', 'UTC'], { cwd: root });
    expect(fs.readFileSync(path.join(root, 'plans', 'cxlint.config.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/cxlint/schemas/config.schema.json',
    );
  });

  it('still writes a config in a folder with no plan yet', () => {
    const root = workspace(undefined, { 'notes.json': '{"a": 1}' });
    const run = cxlint(['init', '--timezone', 'UTC'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No plan files yet');
    expect(parse(configOf(root))).toEqual({ extends: 'cxlint:recommended', timezone: 'UTC' });
  });

  it("proposes an entry for each file an adapter reads: a report's account zone, the .ics and .xlsx formats", () => {
    const mailchimp =
      'Title,Subject,List,"Send Date","Send Weekday","Total Recipients","Successful Deliveries","Soft Bounces","Hard Bounces","Total Bounces","Times Forwarded","Forwarded Opens","Unique Opens","Open Rate","Total Opens","Unique Clicks","Click Rate","Total Clicks",Unsubscribes,"Abuse Complaints"\n' +
      '"Hello",Hi,members,"Sep 02, 2026 09:30 am",Wednesday,1,1,0,0,0,0,0,1,100%,1,0,0%,0,0,0\n';
    const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260903T090000Z\r\nDESCRIPTION:template: hello-email\\nsegment: members\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const root = workspace(undefined, { 'plan.yaml': PLAN, 'reports/mailchimp.csv': mailchimp, 'calendar.ics': ics });
    const run = cxlint(['init', '--timezone', 'America/Chicago'], { cwd: root });
    expect(run.stdout).toContain('2 input mappings');
    const text = configOf(root);
    expect(parse(text).inputs).toEqual([
      { files: 'calendar.ics', format: 'ics' },
      { files: 'reports/mailchimp.csv', format: 'mailchimp', timezone: 'America/Chicago' },
    ]);
    expect(text).toContain("a Mailchimp campaign report, known by its header: its times have no zone, so timezone is the account's (check it)");
    const check = cxlint(['check', '-f', 'json'], { cwd: root });
    expect(JSON.parse(check.stdout).summary.sends).toBe(3);
  });

  it('proposes an entry for each sheet of a workbook that holds calendar columns, naming the sheet, and none for the others', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const text = (value: string) => ({ value });
    const sheets = [
      { sheet: 'Notes', data: [[text('Who'), text('What')], [text('agency'), text('draft')]] },
      // A change log has a date, and nothing else of a calendar: not proposed while another sheet has every column.
      { sheet: 'Log', data: [[text('Date'), text('Change')], [text('2026-03-01'), text('first draft')]] },
      { sheet: 'Send plan', data: [[text("Date d'envoi"), text('Cible'), text('Message')], [text('03/04/2026 09:30'), text('members'), text('hello-email')], [text('13/04/2026 10:00'), text('members'), text('hello-email')]] },
    ];
    const root = workspace(undefined, { 'plan.yaml': PLAN });
    fs.writeFileSync(path.join(root, 'plan.xlsx'), await (await writeXlsxFile(sheets)).toBuffer());
    const run = cxlint(['init', '--timezone', 'Europe/Paris'], { cwd: root });
    expect(run.stdout).toContain('1 input mapping');
    const config = configOf(root);
    expect(parse(config).inputs).toEqual([
      { files: 'plan.xlsx', format: 'xlsx', sheet: 'Send plan', dateFormat: 'dd/MM/yyyy HH:mm', columns: { date: "Date d'envoi", segment: 'Cible' } },
    ]);
    expect(config).toContain('# "plan.xlsx, sheet Send plan"');
    const check = cxlint(['check', '-f', 'json'], { cwd: root });
    expect(JSON.parse(check.stdout).summary.sends).toBe(3);
    expect(check.status).toBe(0);
  });

  describe('CSV exports', () => {
    const YAML_PLAN = `segments: [{id: fans}, {id: vips}]
templates:
  - {id: promo-email, channel: email, intent: promotion, campaign: spring}
  - {id: promo-sms, channel: sms, intent: promotion, campaign: spring}
`;

    it('maps the headers that are no aliases from what their cells hold, and guesses an unambiguous dateFormat', () => {
      const csv = 'Date d\'envoi;Cible;Message;Canal;Campagne;Commentaire\n03/04/2026 09:30;fans|vips;promo-email;email;spring;ok\n13/04/2026 10:00;fans;promo-sms;sms;;\n';
      const root = workspace(undefined, { 'plan.yaml': YAML_PLAN, 'exports/agency.csv': csv });
      const run = cxlint(['init', '--timezone', 'Europe/Paris'], { cwd: root });
      expect(run.stdout).toContain('1 input mapping');
      const text = configOf(root);
      expect(parse(text).inputs).toEqual([
        {
          files: 'exports/agency.csv',
          delimiter: ';',
          dateFormat: 'dd/MM/yyyy HH:mm',
          columns: { date: "Date d'envoi", segment: 'Cible', channel: 'Canal', campaign: 'Campagne' },
        },
      ]);
      expect(text).toContain('columns left unmapped (cxlint ignores them): "Commentaire"');
      const check = cxlint(['check', '-f', 'json'], { cwd: root });
      expect(check.status).toBe(0);
      expect(JSON.parse(check.stdout).summary.sends).toBe(2);
    });

    it('leaves dateFormat out, saying why, when the dates fit day-first and month-first alike', () => {
      const csv = 'When,Audience,Template\n03/04/2026,fans,promo-email\n05/06/2026,fans,promo-email\n';
      const root = workspace(undefined, { 'plan.yaml': YAML_PLAN, 'calendar.csv': csv });
      cxlint(['init', '--timezone', 'UTC'], { cwd: root });
      const text = configOf(root);
      expect(parse(text).inputs).toEqual([{ files: 'calendar.csv', columns: { date: 'When' } }]);
      expect(text).toContain('#   dateFormat left out: every date fits dd/MM/yyyy and MM/dd/yyyy (e.g. "03/04/2026" is ambiguous); set the one your tool exports');
      // Left out, the dates stay errors that say so: cxlint never guesses.
      expect(cxlint(['check'], { cwd: root }).stdout).toContain('ambiguous date "03/04/2026"');
    });

    it('needs no mapping for a file of aliases and ISO dates, and names a spreadsheet that is no calendar', () => {
      const root = workspace(undefined, {
        'plan.yaml': YAML_PLAN,
        'calendar.csv': 'Send date,Audience,Template\n2026-04-03,fans,promo-email\n',
        'budget.csv': 'Item,Cost\nprint,100\n',
      });
      cxlint(['init', '--timezone', 'UTC'], { cwd: root });
      const text = configOf(root);
      expect(parse(text).inputs).toBeUndefined();
      expect(text).toContain('# "calendar.csv": needs no mapping');
      expect(text).toContain('# "budget.csv": needs no mapping\n#   no calendar column recognised');
    });
  });

  it('lists the channels and intents the preset does not know as a commented block that declares them once uncommented', () => {
    const root = workspace(undefined, {
      'plan.yaml': PLAN,
      'live.yaml': 'templates:\n  - {id: live, channel: tmall_live, intent: flash_sale}\ncalendar:\n  - {date: 2026-09-03T10:00, segment: members, template: live}\n',
    });
    const run = cxlint(['init', '--timezone', 'UTC'], { cwd: root });
    expect(run.stdout).toContain('2 channels and intents to declare (see its comments)');
    const text = configOf(root);
    expect(text).toContain('# channels:\n#   "tmall_live": {owned: true}\n# intents:\n#   "flash_sale": {marketing: true}\n');
    expect(cxlint(['check'], { cwd: root }).stdout).toContain('unknown-reference');
    fs.writeFileSync(path.join(root, 'cxlint.config.yaml'), text.replace(/^# (channels|intents|  ")/gm, '$1'));
    const check = cxlint(['check'], { cwd: root });
    expect(check.stderr).toBe('');
    expect(check.stdout).not.toContain('unknown-reference');
  });

  describe('names from the plan are quoted: none injects a key', () => {
    it('a CSV header holding a line break stays one header', () => {
      const csv = '"Quand\ntimezone: Asia/Tokyo",Audience,Template\n13/04/2026,members,hello-email\n';
      const root = workspace(undefined, { 'plan.yaml': PLAN, 'calendar.csv': csv });
      expect(cxlint(['init', '--timezone', 'UTC'], { cwd: root }).status).toBe(0);
      expect(parse(configOf(root))).toEqual({
        extends: 'cxlint:recommended',
        timezone: 'UTC',
        inputs: [{ files: 'calendar.csv', dateFormat: 'dd/MM/yyyy', columns: { date: 'Quand\ntimezone: Asia/Tokyo' } }],
      });
      expect(cxlint(['check'], { cwd: root }).status).toBe(0);
    });

    it('a channel named "x\\n  evil: 1" is no id (invalid-input) and reaches neither the config nor its comments', () => {
      const plan = {
        segments: [{ id: 'members' }],
        templates: [{ id: 'evil', channel: 'x\n  evil: 1', intent: 'welcome' }],
      };
      const root = workspace(undefined, { 'plan.json': JSON.stringify(plan) });
      expect(cxlint(['init', '--timezone', 'UTC'], { cwd: root }).status).toBe(0);
      const text = configOf(root);
      expect(parse(text)).toEqual({ extends: 'cxlint:recommended', timezone: 'UTC' });
      expect(text).not.toContain('evil');
    });

    it('ids that YAML would read as syntax (quotes, flow braces, comments, aliases, NEL) are declared as written', () => {
      const names = ['x":1,"evil":"', '{owned:false}', 'a#b', '*ref', '&anchor', '!!int', 'x\u0085evil:1', '-item'];
      const plan = {
        segments: [{ id: 'members' }],
        templates: names.map((name, index) => ({ id: `t${index}`, channel: name, intent: name })),
      };
      const root = workspace(undefined, { 'plan.json': JSON.stringify(plan) });
      expect(cxlint(['init', '--timezone', 'UTC'], { cwd: root }).status).toBe(0);
      const text = configOf(root);
      expect(parse(text)).toEqual({ extends: 'cxlint:recommended', timezone: 'UTC' });
      const block = parse(text.slice(text.indexOf('# channels:')).replace(/^# /gm, ''));
      expect(Object.keys(block.channels).sort()).toEqual([...names].sort());
      expect(Object.keys(block.intents).sort()).toEqual([...names].sort());
    });

    it('configText quotes a name with a line break (the function behind the file)', async () => {
      const { configText } = await import('../../src/cli/init.js');
      const evil = 'x\n  evil: 1';
      const text = configText({
        version: '0',
        timezone: 'UTC',
        schema: SCHEMA_ID,
        mappings: [{ file: evil, entry: { files: evil, columns: { segment: evil } }, notes: [] }],
        unknown: { channels: [evil], intents: [evil] },
      });
      expect(parse(text)).toEqual({ extends: 'cxlint:recommended', timezone: 'UTC', inputs: [{ files: evil, columns: { segment: evil } }] });
      expect(text).toContain('#   "x\\n  evil: 1": {owned: true}');
      expect(parse(text.slice(text.indexOf('# channels:')).replace(/^# /gm, ''))).toEqual({ channels: { [evil]: { owned: true } }, intents: { [evil]: { marketing: true } } });
    });
  });

  describe('journeys of other tools: the format, and the lifecycle event each entry event names', () => {
    it('maps an entry event key, or its event file\'s name, to the lifecycle event of the same words, and leaves the others commented', () => {
      const bu = 'retrieve/acme/Leasing';
      const journey = (key: string, event: string): string =>
        JSON.stringify({ key, triggers: [{ key: 'TRIGGER', type: 'APIEvent', metaData: { r__event_key: event } }], activities: [{ key: 'WAIT-1', type: 'WAIT', outcomes: [{ key: 'o', next: null }], configurationArguments: { waitDuration: 1, waitUnit: 'DAYS' } }] });
      const event = (key: string, more: object): string => JSON.stringify({ eventDefinitionKey: key, category: 'Event', r__dataExtension_key: 'Lessees_DE', ...more });
      const root = workspace(undefined, {
        [`${bu}/dataExtension/Lessees_DE.dataExtension-meta.json`]: JSON.stringify({ CustomerKey: 'Lessees_DE', Name: 'Lessees' }),
        [`${bu}/journey/end.journey-meta.json`]: journey('end', 'LeaseEnded-API'),
        [`${bu}/event/LeaseEnded-API.event-meta.json`]: event('LeaseEnded-API', {}),
        // An opaque key, as SFMC makes them: the event's name says what happened.
        [`${bu}/journey/case.journey-meta.json`]: journey('case', 'APIEvent-7f3c'),
        [`${bu}/event/APIEvent-7f3c.event-meta.json`]: event('APIEvent-7f3c', { name: 'Case opened (API)' }),
        [`${bu}/journey/quote.journey-meta.json`]: journey('quote', 'QuoteRequested-API'),
        [`${bu}/event/QuoteRequested-API.event-meta.json`]: event('QuoteRequested-API', {}),
        // A scheduled audience dates its journey by its schedule: a mapping would replace that.
        [`${bu}/journey/weekly.journey-meta.json`]: journey('weekly', 'Audience-Weekly'),
        [`${bu}/event/Audience-Weekly.event-meta.json`]: event('Audience-Weekly', { category: 'Audience', schedule: { startDateTime: '2026-06-01T09:00:00', timeZone: 'W. Europe Standard Time' } }),
      });
      const run = cxlint(['init', '--timezone', 'UTC'], { cwd: root });
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Wrote cxlint\.config\.yaml: timezone UTC, 1 input mapping\ncxlint check: 0 errors, 0 warnings, 1 info in 5 plan files\n/);
      expect(configOf(root).slice(configOf(root).indexOf('inputs:'))).toBe(
        [
          'inputs:',
          '  # "retrieve/acme/Leasing/"',
          '  #   a business unit retrieved by sfmc-devtools, read as it is (docs/adapters.md#salesforce-marketing-cloud-sfmc-devtools);',
          '  #   events: each entry event key with the lifecycle event its words name (check them); one left commented matches none: write its own;',
          '  #   say what SFMC does not: intents: {"ASSET_FOLDER_OR_KEY": intent}, states: {"DATA_EXTENSION.FIELD": state} for the contact',
          "  #   fields journeys update, locale: LOCALE of the assets' texts",
          '  - files: "retrieve/acme/Leasing/{journey,interaction,automation,dataExtension}/*-meta.json"',
          '    format: sfmc',
          '    events:',
          '      "APIEvent-7f3c": case_opened',
          '      "LeaseEnded-API": lease_end',
          '    #   "QuoteRequested-API": LIFECYCLE_EVENT',
          '',
        ].join('\n'),
      );
      // The events mapped are lifecycle events: only the one left to the team is still on relative timelines.
      const findings = findingsOf(cxlint(['check', '-f', 'json'], { cwd: root }).stdout) as Array<{ rule: string; severity: string; message: string; file: string }>;
      expect(findings.map(({ rule, severity, file }) => [rule, severity, file])).toEqual([['invalid-input', 'info', `${bu}/journey/quote.journey-meta.json`]]);
      expect(findings[0]!.message).toContain('entered on SFMC event "QuoteRequested-API", which is no lifecycle event');
      // Uncommented and filled in, the line left to the team is part of the mapping.
      fs.writeFileSync(path.join(root, 'cxlint.config.yaml'), configOf(root).replace('    #   "QuoteRequested-API": LIFECYCLE_EVENT', '      "QuoteRequested-API": purchase'));
      expect(findingsOf(cxlint(['check', '-f', 'json'], { cwd: root }).stdout)).toEqual([]);
    });

    it('names a tdx journey\'s format, and writes `events:` commented when no entry segment names a lifecycle event', () => {
      const stage = (name: string, segment: string): string => `      - {name: ${name}, entry_criteria: {segment: ${segment}}, steps: [{type: activation, name: Send, next: Done, with: {activation: email}}, {type: end, name: Done}]}`;
      const file = (segments: string[]): string =>
        ['type: journey', 'name: Lease', `segments: {${segments.map((key) => `${key}: {description: x}`).join(', ')}}`, 'activations: {email: {name: Email, connection: SFMC Main}}', 'journeys:', '  - version: 1', '    stages:', ...segments.map((segment, index) => stage(`S${index}`, segment)), ''].join('\n');
      const root = workspace(undefined, { 'ended.yml': file(['lease_ended', 'lease_ending']), 'soon.yml': file(['lease_ending']) });
      expect(cxlint(['init', '--timezone', 'UTC'], { cwd: root }).stderr).toBe('');
      const config = configOf(root);
      expect(config).toContain(
        [
          '  - files: "ended.yml"',
          '    format: tdx',
          '    events:',
          '      "lease_ended": lease_end',
          '    #   "lease_ending": LIFECYCLE_EVENT',
          '  # "soon.yml"',
        ].join('\n'),
      );
      expect(config.endsWith(['  - files: "soon.yml"', '    format: tdx', '    # events:', '    #   "lease_ending": LIFECYCLE_EVENT', ''].join('\n'))).toBe(true);
      expect(parse(config).inputs).toEqual([{ files: 'ended.yml', format: 'tdx', events: { lease_ended: 'lease_end' } }, { files: 'soon.yml', format: 'tdx' }]);
    });

    it('lifecycleEventOf: the same words, in any case and with any separators, without API/Event, a past tense as its stem', async () => {
      const { lifecycleEventOf } = await import('../../src/cli/init-journeys.js');
      const cases: Array<[Array<string | undefined>, string | undefined]> = [
        [['LeaseEnded-API'], 'lease_end'],
        [['lease_end'], 'lease_end'],
        [['APIEvent_CaseOpened'], 'case_opened'],
        [['Purchased'], 'purchased'],
        [['Purchase-Event'], 'purchase'],
        [['SignUp'], 'signup'],
        [['APIEvent-7f3c', 'Vehicle returned (API)'], 'vehicle_returned'],
        // No partial match: the weeks before a lease ends are not its end.
        [['LeaseEnding'], undefined],
        [['QuoteRequested-API', undefined], undefined],
        [['API-Event'], undefined],
      ];
      for (const [names, event] of cases) expect([names, lifecycleEventOf(names)]).toEqual([names, event]);
    });
  });

  it('maps the properties of an .ics file whose events name their segment and template elsewhere than in the description', () => {
    const plan = 'segments: [{id: lessees}, {id: vips, parent: lessees}]\ntemplates:\n  - {id: offer-email, channel: email, intent: promotion}\n';
    const ics = (...lines: string[]): string => ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', ...lines, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const root = workspace(undefined, {
      'plan.yaml': plan,
      'calendars/crm.ics': ics('UID:crm-1', 'DTSTART:20260303T093000Z', 'SUMMARY:Spring offer', 'DESCRIPTION:template: offer-email\\nsegment: lessees'),
      'calendars/agency.ics': ics('UID:agency-1', 'DTSTART:20260306T100000Z', 'SUMMARY:[offer-email] Relance offre', 'CATEGORIES:lessees,vips'),
      'calendars/meetings.ics': ics('UID:meeting-1', 'DTSTART:20260310T100000Z', 'SUMMARY:Kick-off with the agency', 'CATEGORIES:Agency'),
    });
    expect(cxlint(['init', '--timezone', 'UTC'], { cwd: root }).stderr).toBe('');
    const note = '  #   an iCalendar calendar: each event names its template and segment on lines of its description (template: ID), or map properties under columns (docs/adapters.md#icalendar-ics)';
    const notFound = (field: string): string =>
      `  #   columns.${field} not found: 1 of 1 events name none, and no property holds ${field} ids of the plan in every event; map one (PROPERTY, or PROPERTY /pattern/ with the id in its first group)`;
    expect(configOf(root).slice(configOf(root).indexOf('inputs:'))).toBe(
      [
        'inputs:',
        '  # "calendars/agency.ics"',
        note,
        '  #   columns.segment: CATEGORIES holds segment ids of the plan in every event',
        '  #   columns.template: SUMMARY /^\\[(\\S+)\\]/ holds template ids of the plan in every event',
        '  - files: "calendars/agency.ics"',
        '    format: ics',
        '    columns:',
        '      segment: "CATEGORIES"',
        '      template: "SUMMARY /^\\\\[(\\\\S+)\\\\]/"',
        '  # "calendars/crm.ics"',
        note,
        '  - files: "calendars/crm.ics"',
        '    format: ics',
        '  # "calendars/meetings.ics"',
        note,
        notFound('segment'),
        notFound('template'),
        '  - files: "calendars/meetings.ics"',
        '    format: ics',
        '',
      ].join('\n'),
    );
    // The agency's reminder is read (a duplicate of the CRM team's send); the meeting, which names no send, still says so.
    const findings = findingsOf(cxlint(['check', '-f', 'json'], { cwd: root }).stdout) as Array<{ rule: string; file: string }>;
    expect(findings.map(({ rule, file }) => [rule, file])).toEqual([
      ['duplicate-message', 'calendars/agency.ics'],
      ['invalid-input', 'calendars/meetings.ics'],
    ]);
  });

  /**
   * Each example, its config removed: init (with the example's time zone, the one thing init cannot read from the
   * files) must give a config under which check reports exactly the example's findings. The examples' configs set
   * only what init infers (extends, timezone, agency-csv's inputs mapping, the columns of ics-calendar's Outlook invitations) with two exceptions that change nothing:
   * agency-csv's mapping also repeats `kind: calendar` and the config's `timezone` (the defaults), and
   * well-run-launch sets `profile.fields`, which init does not propose: without a `profile`, undefined-placeholder
   * checks no placeholder, and the example's placeholders are all declared, so the findings are the same.
   * sfmc-repo's config says what SFMC does not and init cannot read in the files: the intent of an asset's folder, the
   * locale of its texts, and that an upsell requires an active lease (the state-conflicts depend on it). Those are
   * added to init's config; its entry event's lifecycle event is init's own.
   */
  const mappedByHand = new Set(['sfmc-repo']);
  const examples = fs.readdirSync(path.join(REPO, 'examples')).filter((name) => fs.existsSync(path.join(REPO, 'examples', name, 'cxlint.config.yaml')));
  it.each(examples)('examples/%s: the written config gives the findings of expected.json', (name) => {
    const source = path.join(REPO, 'examples', name);
    const timezone = parse(fs.readFileSync(path.join(source, 'cxlint.config.yaml'), 'utf8')).timezone as string;
    const root = workspace();
    fs.cpSync(source, root, { recursive: true });
    fs.rmSync(path.join(root, 'cxlint.config.yaml'));
    const run = cxlint(['init', '--timezone', timezone], { cwd: root });
    expect(run.status).toBe(0);
    if (mappedByHand.has(name)) {
      // Its one entry event is mapped: the comment asks the team to write no other.
      expect(configOf(root)).not.toContain('one left commented');
      const written = parse(configOf(root)) as { inputs?: unknown[] };
      const own = parse(fs.readFileSync(path.join(source, 'cxlint.config.yaml'), 'utf8')) as { inputs: Array<{ events?: unknown }>; intents?: unknown };
      const intents = own.intents ? { intents: own.intents } : {};
      const unknowable = own.inputs.map(({ events: _events, ...input }) => input);
      fs.writeFileSync(path.join(root, 'cxlint.config.yaml'), JSON.stringify({ ...written, ...intents, inputs: [...(written.inputs ?? []), ...unknowable] }));
    }
    const check = cxlint(['check', '-f', 'json'], { cwd: root });
    expect(check.stderr).toBe('');
    expect(findingsOf(check.stdout)).toEqual(findingsOf(fs.readFileSync(path.join(source, 'expected.json'), 'utf8')));
  });
});
