// Seeded generators of synthetic campaign repos for `npm run bench`: the same size always gives the same plan.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a tiny seeded PRNG, so that benchmark plans are reproducible. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = ['email', 'sms', 'push', 'wechat', 'alibaba'];
const INTENTS = ['promotion', 'newsletter', 'service_reminder', 'announcement', 'upsell'];
const ZONES = ['Europe/Paris', 'America/Chicago', 'Asia/Shanghai', 'America/New_York'];

/**
 * The horizon the bench checks generated plans over (`--from`, `--to`): the year every weekly row runs through. The
 * default horizon would end 90 days after the latest row's first date, in April, and cut each row to ~15 of its sends.
 */
export const HORIZON = { from: '2026-01-01', to: '2026-12-31' };

/** Weekly sends of a row: rows start in January's first week, so that their 52nd send is 357 days later, in December. */
const WEEKS = 52;

/** Teams that own templates; each root's subtree is one team's. */
const TEAMS = 7;

/**
 * Writes a plan of `segments` segments (a forest ten roots wide), `templates` templates and calendar rows whose weekly
 * recurrences expand to exactly `sends` sends within HORIZON, into `dir`. The plan is what a brand's looks like, mostly
 * clean: rows go to the leaves of the tree, two or three a leaf (within the default 3-a-week cap), each with a template
 * of the team that owns the leaf's branch; what a real plan also has comes by chance — two SMS on one day, one template
 * twice in a week. (The plan of many findings is generateFindingsPlan's.)
 */
export function generatePlan(dir, { segments, templates, sends, seed = 1 }) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  mkdirSync(dir, { recursive: true });
  const segmentLines = ['segments:'];
  const parents = [];
  const teamOf = [];
  for (let i = 0; i < segments; i += 1) {
    segmentLines.push(`  - id: s${i}`);
    if (i >= 10) {
      parents[i] = Math.floor(next() * Math.min(i, 10 + i / 10));
      teamOf[i] = teamOf[parents[i]];
      segmentLines.push(`    parent: s${parents[i]}`);
    } else {
      teamOf[i] = i % TEAMS;
      segmentLines.push(`    timezone: ${pick(ZONES)}`, '    locales: [en-US]', '    states: {service_case: closed}');
    }
  }
  writeFileSync(path.join(dir, 'segments.yaml'), `${segmentLines.join('\n')}\n`);
  const templateLines = ['templates:'];
  const byTeam = Array.from({ length: TEAMS }, () => []);
  for (let i = 0; i < templates; i += 1) {
    byTeam[i % TEAMS].push(i);
    templateLines.push(
      `  - id: t${i}`,
      `    channel: ${pick(CHANNELS)}`,
      `    intent: ${pick(INTENTS)}`,
      `    campaign: c${i % 50}`,
      `    owner: team${i % TEAMS}`,
      `    content: {en-US: {subject: "Message ${i}", body: "Hello {{first_name}}, offer ${i % 100}."}}`,
    );
  }
  writeFileSync(path.join(dir, 'templates.yaml'), `${templateLines.join('\n')}\n`);
  const hasChildren = new Set(parents.filter((parent) => parent !== undefined));
  const leaves = Array.from({ length: segments }, (_, i) => i).filter((i) => !hasChildren.has(i));
  // Rows of 52 weekly sends, the last one shorter, so that the plan holds exactly `sends`.
  const rows = Math.ceil(sends / WEEKS);
  const csv = ['id,date,segment,template,repeat'];
  for (let i = 0; i < rows; i += 1) {
    const day = 1 + Math.floor(next() * 7);
    const hour = 8 + Math.floor(next() * 12);
    const date = `2026-01-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00`;
    const count = i === rows - 1 ? sends - WEEKS * (rows - 1) : WEEKS;
    const leaf = leaves[i % leaves.length];
    csv.push(`r${i},${date},s${leaf},t${pick(byTeam[teamOf[leaf]])},FREQ=WEEKLY;COUNT=${count}`);
  }
  writeFileSync(path.join(dir, 'calendar.csv'), `${csv.join('\n')}\n`);
}

/**
 * The plan of many findings (issue 14): `rows` hourly sends of one template to one segment, one CSV row each, from
 * HORIZON's first day. Each is a duplicate-message of the one before it and over frequency-cap's limits: about two
 * findings a row.
 */
export function generateFindingsPlan(dir, rows) {
  mkdirSync(dir, { recursive: true });
  const start = Date.parse(`${HORIZON.from}T00:00:00Z`);
  const csv = ['date,segment,template'];
  for (let hour = 0; hour < rows; hour += 1) csv.push(`${new Date(start + hour * 3_600_000).toISOString().slice(0, 16)}Z,members,ping`);
  writeFileSync(
    path.join(dir, 'plan.yaml'),
    ['segments:', '  - {id: members, timezone: Europe/Paris}', 'templates:', '  - {id: ping, channel: email, intent: reminder}', ''].join('\n'),
  );
  writeFileSync(path.join(dir, 'calendar.csv'), `${csv.join('\n')}\n`);
}
