import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sfmc } from '../../../src/loaders/adapters/sfmc.js';
import { lint } from '../../../src/engine/lint.js';
import { tempFolder } from '../../temp-folders.js';

const BU = 'retrieve/acme/EU-Lease';
const JOURNEY = `${BU}/journey/spring.journey-meta.json`;

/** The adapter run on one file of a business unit written to a fresh folder, as `cxlint check` names it. */
function read(files: Record<string, string>, file: string, options: Record<string, unknown> = {}) {
  const root = tempFolder(files);
  return sfmc.read({ file, absolutePath: path.join(root, file), bytes: Buffer.from(files[file]!), explicit: false, options });
}

const at = (file: string, line: number, column: number) => expect.objectContaining({ file, line, column });
const problem = (message: string, file: string, line: number, column: number, severity?: string) =>
  expect.objectContaining({ rule: 'invalid-input', message, location: at(file, line, column), ...(severity ? { severity } : {}) });

/** The journey of ADAPTERS.md §1.5 written with the traps: activities out of flow order, enumerations in other cases. */
const SPRING = `{
  "key": "spring",
  "name": "Spring upgrade",
  "triggers": [{ "key": "TRIGGER", "type": "EmailAudience", "metaData": { "r__event_key": "DEAudience-q2" } }],
  "activities": [
    {
      "key": "ENGAGEMENTSPLITV2-1",
      "type": "EngagementDecision",
      "outcomes": [
        { "key": "branchResult-1", "next": "SMSSYNC-1", "arguments": { "when": true } },
        { "key": "branchResult-2", "next": null, "arguments": { "when": false } }
      ],
      "configurationArguments": { "refActivityCustomerKey": "EMAILV2-1", "statsTypeId": 2 }
    },
    {
      "key": "SMSSYNC-1",
      "name": "Book a test drive",
      "type": "SMSSYNC",
      "outcomes": [{ "key": "o-3" }],
      "configurationArguments": { "r__mobileMessage_key": "TmV3" }
    },
    {
      "key": "WAITBYDURATION-1",
      "type": "Wait",
      "outcomes": [{ "key": "o-2", "next": "ENGAGEMENTSPLITV2-1" }],
      "configurationArguments": { "waitDuration": 2, "waitUnit": "weeks" }
    },
    {
      "key": "EMAILV2-1",
      "name": "Upgrade offer",
      "type": "EMAILV2",
      "outcomes": [{ "key": "o-1", "next": "WAITBYDURATION-1" }],
      "configurationArguments": {
        "triggeredSend": { "emailSubject": "Your upgrade is ready", "r__asset_key": "upgrade", "r__sendClassification_key": "tx" }
      }
    }
  ]
}
`;

const COMPANIONS = {
  [`${BU}/event/DEAudience-q2.event-meta.json`]: '{ "type": "EmailAudience", "eventDefinitionKey": "DEAudience-q2", "r__dataExtension_key": "Lessees_DE" }',
  [`${BU}/asset/message/upgrade/upgrade.asset-message-meta.json`]:
    '{\n  "customerKey": "upgrade",\n  "name": "Upgrade offer email",\n  "status": { "name": "DRAFT" },\n  "views": { "subjectline": { "content": "Upgrade now" } }\n}\n',
  [`${BU}/asset/message/upgrade/upgrade.asset-message-meta.html`]: '<p>Hello</p>',
  [`${BU}/sendClassification/tx.sendClassification-meta.json`]: '{ "CustomerKey": "tx", "c__classification": "TRANSACTIONAL" }',
  [`${BU}/mobileMessage/TmV3.mobileMessage-meta.json`]: '{ "id": "TmV3", "name": "Test drive SMS" }',
  [`${BU}/mobileMessage/TmV3.mobileMessage-meta.amp`]: 'Book your test drive',
};

describe('sfmc: which files', () => {
  it('reads journeys, pre-5.0 interactions, automations and data extensions under retrieve/, not deploy/ or template/', () => {
    expect(sfmc.handles(`x/${JOURNEY}`)).toBe(true);
    expect(sfmc.handles(`${BU}/interaction/old.interaction-meta.json`)).toBe(true);
    expect(sfmc.handles(`${BU}/automation/a.automation-meta.json`)).toBe(true);
    expect(sfmc.handles(`${BU}/dataExtension/d.dataExtension-meta.json`)).toBe(true);
    expect(sfmc.handles('deploy/acme/EU-Lease/journey/spring.journey-meta.json')).toBe(false);
    expect(sfmc.handles(`${BU}/asset/message/a/a.asset-message-meta.json`)).toBe(false);
    expect(sfmc.handles(`${BU}/journey/spring.automation-meta.json`)).toBe(false);
  });
});

describe('sfmc: a journey', () => {
  const { fragments, problems } = read({ [JOURNEY]: SPRING, ...COMPANIONS }, JOURNEY, { locale: 'en-GB' });
  const plan = fragments[0]!.value as Record<string, unknown>;

  it('starts at the activity nothing leads to, follows outcomes in order, and ends paths at an explicit exit', () => {
    expect(plan.journeys).toEqual([
      {
        id: 'EU-Lease/spring',
        name: 'Spring upgrade',
        entry: { segment: 'EU-Lease/Lessees_DE', event: 'sfmc:EU-Lease/DEAudience-q2' },
        steps: [
          { id: 'EMAILV2-1', send: 'EU-Lease/spring/EMAILV2-1', next: 'WAITBYDURATION-1' },
          { id: 'WAITBYDURATION-1', wait: 'P2W', next: 'ENGAGEMENTSPLITV2-1' },
          {
            id: 'ENGAGEMENTSPLITV2-1',
            branch: [
              { when: { event: 'opened', within: 'PT0S' }, next: 'SMSSYNC-1' },
              { otherwise: true, next: 'exit' },
            ],
          },
          { id: 'SMSSYNC-1', send: 'EU-Lease/spring/SMSSYNC-1', next: 'exit' },
          { id: 'exit', exit: true },
        ],
      },
    ]);
  });

  it('builds the templates from the linked asset, classification and SMS, enumerations in any case', () => {
    expect(plan.templates).toEqual([
      {
        id: 'EU-Lease/spring/EMAILV2-1',
        name: 'Upgrade offer email',
        channel: 'email',
        intent: 'transactional',
        status: 'draft',
        content: { 'en-GB': { subject: 'Upgrade now', preheader: undefined, body: '<p>Hello</p>' } },
      },
      { id: 'EU-Lease/spring/SMSSYNC-1', name: 'Test drive SMS', channel: 'sms', content: { 'en-GB': { body: 'Book your test drive' } } },
    ].map((template) => JSON.parse(JSON.stringify(template))));
  });

  it('points every value at the original file: the template name in the asset, the body in its HTML, the wait in the journey', () => {
    const positions = fragments[0]!.positions;
    expect(positions.get('/templates/0/name')?.value).toEqual(at(`${BU}/asset/message/upgrade/upgrade.asset-message-meta.json`, 3, 11));
    expect(positions.get('/templates/0/content/en-GB/body')?.value).toEqual(at(`${BU}/asset/message/upgrade/upgrade.asset-message-meta.html`, 1, 1));
    expect(positions.get('/journeys/0/steps/1/wait')?.value).toEqual(at(JOURNEY, 26, 51));
    expect(positions.get('/journeys/0/steps/0')?.value).toEqual(at(JOURNEY, 28, 5));
  });

  it('says what it read behind a documented but unseen value, and that the entry event is not mapped', () => {
    expect(problems).toEqual([
      problem(
        'journey EU-Lease/spring is entered on SFMC event "DEAudience-q2", which is no lifecycle event: cxlint places it on relative timelines only; to date its runs, name the event in cxlint.config.yaml: inputs: [{files: "**/*.journey-meta.json", format: sfmc, events: {"DEAudience-q2": LIFECYCLE_EVENT}}] (the lifecycle event it stands for, such as signup or lease_end)',
        JOURNEY,
        4,
        91,
        'info',
      ),
      problem('wait unit weeks is documented by Salesforce but not seen in retrieved files: read as P2W', JOURNEY, 26, 66, 'info'),
    ]);
  });

  it('names the entry event through inputs[].events', () => {
    const mapped = read({ [JOURNEY]: SPRING, ...COMPANIONS }, JOURNEY, { events: { 'DEAudience-q2': 'lease_end' } });
    expect((mapped.fragments[0]!.value as { journeys: Array<{ entry: unknown }> }).journeys[0]!.entry).toEqual({ segment: 'EU-Lease/Lessees_DE', event: 'lease_end' });
    expect(mapped.problems.map((found) => found.severity)).toEqual(['info']);
  });
});

describe('sfmc: intents from the config', () => {
  const templates = (journey: string, companions: Record<string, string>, intents: Record<string, string>) => {
    const { fragments } = read({ [JOURNEY]: journey, ...COMPANIONS, ...companions }, JOURNEY, { intents });
    const plan = fragments[0]!.value as { templates: Array<{ id: string; intent?: string }> };
    return { intents: Object.fromEntries(plan.templates.map(({ id, intent }) => [id, intent])), positions: fragments[0]!.positions };
  };

  it('give an SMS its intent by its message key, placed at its activity: an SMS has no send classification', () => {
    const { intents, positions } = templates(SPRING, {}, { TmV3: 'promotion' });
    expect(intents['EU-Lease/spring/SMSSYNC-1']).toBe('promotion');
    expect(positions.get('/templates/1/intent')?.value).toEqual(at(JOURNEY, 18, 15));
  });

  it('give an email sent without a classification its intent, by its asset key or by its folder', () => {
    const unclassified = SPRING.replace(', "r__sendClassification_key": "tx"', '');
    expect(templates(unclassified, {}, { upgrade: 'upsell' }).intents['EU-Lease/spring/EMAILV2-1']).toBe('upsell');
    const inFolder = { [`${BU}/asset/message/upgrade/upgrade.asset-message-meta.json`]: '{ "customerKey": "upgrade", "r__folder_Path": "Content Builder/Promo/Spring" }' };
    expect(templates(unclassified, inFolder, { 'Content Builder/Promo': 'promotion' }).intents['EU-Lease/spring/EMAILV2-1']).toBe('promotion');
    expect(templates(unclassified, {}, {}).intents['EU-Lease/spring/EMAILV2-1']).toBeUndefined();
  });

  it('win over what the classification says', () => {
    expect(templates(SPRING, {}, { upgrade: 'upsell' }).intents['EU-Lease/spring/EMAILV2-1']).toBe('upsell');
  });
});

describe('sfmc: a scheduled audience', () => {
  const AUDIENCE = `${BU}/event/DEAudience-q2.event-meta.json`;
  const scheduled = (schedule: string) =>
    `{\n  "type": "EmailAudience",\n  "category": "Audience",\n  "eventDefinitionKey": "DEAudience-q2",\n  "r__dataExtension_key": "Lessees_DE",\n  "schedule": ${schedule}\n}\n`;
  const entryOf = (result: ReturnType<typeof read>) => (result.fragments[0]!.value as { journeys: Array<{ entry: unknown }> }).journeys[0]!.entry;

  it("enters the segment at the schedule's first run, in its Windows zone; a repeating schedule lets in only new contacts, which an info finding says", () => {
    const files = { [JOURNEY]: SPRING, ...COMPANIONS, [AUDIENCE]: scheduled('{ "startDateTime": "2024-11-07T12:15:00", "timeZone": "W. Europe Standard Time", "frequency": "Hourly", "interval": 2 }') };
    const result = read(files, JOURNEY);
    expect(entryOf(result)).toEqual({ segment: 'EU-Lease/Lessees_DE', date: '2024-11-07T12:15:00+01:00' });
    expect(result.fragments[0]!.positions.get('/journeys/0/entry/date')?.value).toEqual(at(AUDIENCE, 6, 34));
    expect(result.problems).toEqual([
      problem("journey EU-Lease/spring's audience is read again every 2 hours, letting in only contacts new to it: cxlint dates the segment's entry at the first run, 2024-11-07T12:15:00", AUDIENCE, 6, 109, 'info'),
      problem('wait unit weeks is documented by Salesforce but not seen in retrieved files: read as P2W', JOURNEY, 26, 66, 'info'),
    ]);
  });

  it('reads a one-off schedule without a zone as wall time in the segment\'s zone; an event named in inputs[].events wins over the schedule', () => {
    const files = { [JOURNEY]: SPRING, ...COMPANIONS, [AUDIENCE]: scheduled('{ "startDateTime": "2026-03-02T09:00:00", "frequency": "Once" }') };
    const once = read(files, JOURNEY);
    expect(entryOf(once)).toEqual({ segment: 'EU-Lease/Lessees_DE', date: '2026-03-02T09:00:00' });
    expect(once.problems.map((found) => found.message)).toEqual(['wait unit weeks is documented by Salesforce but not seen in retrieved files: read as P2W']);
    expect(entryOf(read(files, JOURNEY, { events: { 'DEAudience-q2': 'lease_end' } }))).toEqual({ segment: 'EU-Lease/Lessees_DE', event: 'lease_end' });
  });

  it('a schedule in a zone with no IANA name is invalid-input at the zone, and the journey is still read, on relative timelines', () => {
    const files = { [JOURNEY]: SPRING, ...COMPANIONS, [AUDIENCE]: scheduled('{ "startDateTime": "2026-03-02T09:00:00", "timeZone": "Atlantis Standard Time" }') };
    const result = read(files, JOURNEY);
    expect(result.problems[0]).toEqual(problem(expect.stringMatching(/^time zone "Atlantis Standard Time" has no IANA name cxlint knows, so journey EU-Lease\/spring is not dated/), AUDIENCE, 6, 69));
    expect(entryOf(result)).toEqual({ segment: 'EU-Lease/Lessees_DE', event: 'sfmc:EU-Lease/DEAudience-q2' });
    // A start written with a space is read as ISO 8601 is.
    const spaced = read({ ...files, [AUDIENCE]: scheduled('{ "startDateTime": "2026-03-02 09:00:00" }') }, JOURNEY);
    expect(entryOf(spaced)).toEqual({ segment: 'EU-Lease/Lessees_DE', date: '2026-03-02T09:00:00' });
  });
});

describe('sfmc: bad journeys are findings at their place, never a crash', () => {
  const journey = (activities: string) => `{\n  "key": "j",\n  "triggers": [{ "metaData": { "r__event_key": "E" } }],\n  "activities": [\n${activities}\n  ]\n}\n`;
  const wait = (key: string, next: string) => `    { "key": "${key}", "type": "WAIT", "outcomes": [{ "next": "${next}" }], "configurationArguments": { "waitDuration": 1, "waitUnit": "DAYS" } }`;
  const errors = (text: string) => read({ [JOURNEY]: text }, JOURNEY).problems.filter((found) => found.severity !== 'info');

  it('truncated JSON', () => {
    const result = read({ [JOURNEY]: SPRING.slice(0, 300) }, JOURNEY);
    expect(result.fragments).toEqual([]);
    expect(result.problems).toEqual([problem('JSON syntax error: Missing closing "quote', JOURNEY, 10, 24)]);
  });

  it('an outcome leading to a key no activity has: the path ends there', () => {
    expect(errors(journey(`${wait('A', 'B')},\n${wait('B', 'NOPE')}`))).toEqual([
      problem('activity B leads to "NOPE", which is no activity of this journey: the path ends there', JOURNEY, 6, 58),
    ]);
  });

  it('a cycle through every activity: no first activity', () => {
    const result = read({ [JOURNEY]: journey(`${wait('A', 'B')},\n${wait('B', 'A')}`) }, JOURNEY);
    expect(result.fragments).toEqual([]);
    expect(result.problems.filter((found) => found.severity !== 'info')).toEqual([
      problem('no first activity: every activity is the next of another, so the next links form a cycle with no way in', JOURNEY, 4, 17),
    ]);
  });

  it('two activities nothing leads to', () => {
    expect(errors(journey(`${wait('A', 'C')},\n${wait('B', 'C')},\n${wait('C', 'C')}`))).toEqual([
      problem('several first activities (A, B): no outcome leads to them, and a journey starts at one', JOURNEY, 6, 14),
    ]);
  });

  it('a wait unit nobody documents, or a duration that is no whole number: an error of that wait, read as no wait; the rest of the journey is read', () => {
    const text = journey(
      [
        '    { "key": "A", "type": "WAIT", "outcomes": [{ "next": "B" }], "configurationArguments": { "waitDuration": 1, "waitUnit": "FORTNIGHTS" } }',
        '    { "key": "B", "type": "WAIT", "outcomes": [{ "next": "C" }], "configurationArguments": { "waitDuration": 1.5, "waitUnit": "DAYS" } }',
        wait('C', 'NOPE'),
      ].join(',\n'),
    );
    const result = read({ [JOURNEY]: text }, JOURNEY);
    expect(result.problems.filter((found) => found.severity !== 'info')).toEqual([
      problem('activity C leads to "NOPE", which is no activity of this journey: the path ends there', JOURNEY, 7, 58),
      problem('wait A has waitUnit "FORTNIGHTS": cxlint reads MINUTES, HOURS, DAYS, WEEKS and MONTHS; read as no wait (P0D)', JOURNEY, 5, 125),
      problem('wait B needs a whole, non-negative waitDuration: read as no wait (P0D)', JOURNEY, 6, 110),
    ]);
    const steps = (result.fragments[0]!.value as { journeys: Array<{ steps: Array<{ id: string; wait?: string }> }> }).journeys[0]!.steps;
    expect(steps.map(({ id, wait: waited }) => [id, waited])).toEqual([['A', 'P0D'], ['B', 'P0D'], ['C', 'P1D'], ['exit', undefined]]);
  });
});

describe('sfmc: automations', () => {
  const AUTOMATION = `${BU}/automation/news.automation-meta.json`;
  const automation = (zone: string) => `{
  "key": "news",
  "type": "Scheduled",
  "status": "Scheduled",
  "schedule": { "startDate": "2026-03-02T09:30:00", "endDate": "2026-06-30T00:00:00", "icalRecur": "FREQ=MONTHLY;INTERVAL=1", "timezoneName": "${zone}" },
  "steps": [
    { "activities": [{ "name": "news-send", "r__type": "EMAILSEND" }] },
    { "activities": [{ "name": "1 Days", "r__type": "wait" }] },
    { "activities": [{ "name": "news-send", "r__type": "emailSend" }] }
  ]
}
`;
  const EMAIL_SEND = {
    [`${BU}/emailSend/news-send.emailSend-meta.json`]:
      '{ "CustomerKey": "news-send", "Name": "news-send", "EmailSubject": "News", "SendDefinitionList": [{ "SendDefinitionListType": "SourceList", "r__dataExtension_Key": "All_DE" }], "r__assetMessage_Key": "news-email" }',
  };

  it('each email send is a calendar send at the schedule (after the waits before it), its Windows zone an IANA one, ended at endDate', () => {
    const { fragments, problems } = read({ [AUTOMATION]: automation('w. europe standard time'), ...EMAIL_SEND }, AUTOMATION);
    expect(problems).toEqual([]);
    const send = { id: 'EU-Lease/news/news-send', timezone: 'Europe/Berlin', segment: 'EU-Lease/All_DE', template: 'EU-Lease/news/news-send', channel: 'email', repeat: 'FREQ=MONTHLY;INTERVAL=1;UNTIL=20260630T000000' };
    expect((fragments[0]!.value as { calendar: unknown }).calendar).toEqual([
      { ...send, date: '2026-03-02T09:30:00' },
      { ...send, date: '2026-03-03T09:30:00' },
    ]);
  });

  it('a zone with no IANA name is invalid-input at the zone, saying how to set inputs[].timezone', () => {
    const { fragments, problems } = read({ [AUTOMATION]: automation('Mid-Atlantic Standard Time'), ...EMAIL_SEND }, AUTOMATION);
    expect(fragments).toEqual([]);
    expect(problems).toEqual([
      problem(
        `time zone "Mid-Atlantic Standard Time" has no IANA name cxlint knows; set the zone of this file in cxlint.config.yaml: inputs: [{files: "${AUTOMATION}", format: sfmc, timezone: Europe/Berlin}] (with the zone the schedule is meant in)`,
        AUTOMATION,
        5,
        143,
      ),
    ]);
    expect(read({ [AUTOMATION]: automation('Mid-Atlantic Standard Time'), ...EMAIL_SEND }, AUTOMATION, { timezone: 'America/Noronha' }).problems).toEqual([]);
  });
});

/** A journey that records a service case on the contact, then sends the upgrade email. */
const CASE_THEN_UPSELL = `{
  "key": "case",
  "triggers": [{ "metaData": { "r__event_key": "DEAudience-q2" } }],
  "activities": [
    {
      "key": "UPDATECONTACTDATA-1",
      "type": "UPDATECONTACTDATA",
      "outcomes": [{ "key": "o-1", "next": "EMAILV2-1" }],
      "arguments": {
        "activityData": {
          "updateContactFields": [
            { "r__dataExtension_key": "Lessees_DE", "r__dataExtensionField_name": "CaseStatus", "value": "open" },
            { "r__dataExtension_key": "Lessees_DE", "r__dataExtensionField_name": "LastTouch", "value": "2026-03-01" }
          ]
        }
      }
    },
    {
      "key": "EMAILV2-1",
      "type": "EMAILV2",
      "outcomes": [{ "key": "o-2" }],
      "configurationArguments": { "triggeredSend": { "r__asset_key": "upgrade", "r__sendClassification_key": "commercial" } }
    }
  ]
}
`;

describe('sfmc: contact updates', () => {
  const files = {
    [JOURNEY]: CASE_THEN_UPSELL,
    ...COMPANIONS,
    [`${BU}/sendClassification/commercial.sendClassification-meta.json`]: '{ "c__classification": "Commercial" }',
    [`${BU}/dataExtension/Lessees_DE.dataExtension-meta.json`]: '{ "CustomerKey": "Lessees_DE", "Name": "Lessees" }',
  };
  const stepsOf = (result: ReturnType<typeof read>) => (result.fragments[0]!.value as { journeys: Array<{ steps: unknown[] }> }).journeys[0]!.steps[0];

  it('sets the states inputs[].states maps its fields to (by data extension and field, or field alone), to the values written; other fields are no state', () => {
    expect(stepsOf(read(files, JOURNEY, { states: { 'Lessees_DE.CaseStatus': 'service_case' } }))).toEqual({ id: 'UPDATECONTACTDATA-1', set: { service_case: 'open' }, next: 'EMAILV2-1' });
    expect(stepsOf(read(files, JOURNEY, { states: { CaseStatus: 'service_case', 'Other_DE.LastTouch': 'x' } }))).toEqual({ id: 'UPDATECONTACTDATA-1', set: { service_case: 'open' }, next: 'EMAILV2-1' });
    expect(stepsOf(read(files, JOURNEY))).toEqual({ id: 'UPDATECONTACTDATA-1', wait: 'P0D', next: 'EMAILV2-1' });
  });

  it('through cxlint check: the upsell after the update meets the open case it records (state-conflict)', async () => {
    const config = (states: string) => `inputs:\n  - {files: "retrieve/**/*.journey-meta.json", format: sfmc, events: {DEAudience-q2: lease_end}, intents: {upgrade: upsell}, states: ${states}}\n`;
    const shown = async (states: string) => {
      const root = tempFolder({ ...files, 'cxlint.config.yaml': config(states) });
      const { findings } = await lint({ cwd: root, paths: ['.'] });
      return findings.filter((finding) => finding.rule === 'state-conflict').map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column} ${finding.rule} ${finding.message}`);
    };
    expect(await shown('{CaseStatus: service_case}')).toEqual([
      `${JOURNEY}:18:5 state-conflict EU-Lease/case/EMAILV2-1 (upsell, email) at lease_end forbids service_case=open (intent upsell), but service_case=open set by UPDATECONTACTDATA-1 of journey EU-Lease/case for segment EU-Lease/Lessees_DE`,
    ]);
    // Another field mapped to the state sets it to its own value: no open case.
    expect(await shown('{LastTouch: service_case}')).toEqual([]);
  });
});

describe('sfmc: through cxlint check', () => {
  it('a split with no remainder path is a dead end, reported at the activity in the retrieved file', async () => {
    const text = `{
  "key": "j",
  "triggers": [{ "metaData": { "r__event_key": "E" } }],
  "activities": [
    { "key": "W", "type": "WAIT", "outcomes": [{ "next": "D" }], "configurationArguments": { "waitDuration": 1, "waitUnit": "DAYS" } },
    { "key": "D", "type": "MULTICRITERIADECISION", "outcomes": [{ "key": "default_path_1", "next": null }] }
  ]
}
`;
    const root = tempFolder({ [JOURNEY]: text, [`${BU}/dataExtension/E.dataExtension-meta.json`]: '{ "CustomerKey": "E", "Name": "Everyone" }' });
    const { findings } = await lint({ cwd: root, paths: ['.'], noConfig: true });
    expect(findings.map(({ rule, severity, location, message }) => ({ rule, severity, line: location.line, column: location.column, file: location.file, message }))).toEqual([
      { rule: 'invalid-input', severity: 'info', file: JOURNEY, line: 3, column: 48, message: expect.stringContaining('is entered on SFMC event "E"') },
      {
        rule: 'journey-dead-end',
        severity: 'error',
        file: JOURNEY,
        line: 6,
        column: 5,
        message: 'the branch at step D of journey EU-Lease/j has no otherwise: customers for whom none of its options holds are stuck there',
      },
    ]);
  });
});
