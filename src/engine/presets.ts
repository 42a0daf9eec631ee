import type { CxlintConfig } from '../generated/config-types.js';
import { RULES } from '../rules/index.js';

const owned = (names: string[], isOwned: boolean) => Object.fromEntries(names.map((name) => [name, { owned: isOwned }]));
const marketing = (names: string[], isMarketing: boolean) => Object.fromEntries(names.map((name) => [name, { marketing: isMarketing }]));
const notDuringOpenCase = { marketing: true, forbids: { service_case: 'open' } };

/** `cxlint:recommended` (SPEC 4.2): the vocabulary and rule settings that make a plan behave the same everywhere. */
export const RECOMMENDED: CxlintConfig = {
  timezone: 'UTC',
  defaultSendTime: '09:00',
  horizonPadding: 'P90D',
  channels: {
    ...owned(['email', 'sms', 'push', 'in_app', 'web', 'direct_mail', 'call_center', 'in_store'], true),
    ...owned(['whatsapp', 'wechat', 'alibaba', 'social'], false),
  },
  intents: {
    ...marketing(['welcome', 'onboarding', 'service_reminder', 'reminder', 'newsletter', 'announcement', 'renewal', 'retention', 'win_back'], true),
    ...marketing(['transactional', 'service', 'survey', 'lease_end', 'apology'], false),
    promotion: notDuringOpenCase,
    upsell: notDuringOpenCase,
    cross_sell: notDuringOpenCase,
  },
  lifecycle: {
    signup: { sets: { member: 'active' } },
    purchase: {},
    lease_start: { sets: { lease: 'active' } },
    lease_end: { sets: { lease: 'ended' } },
    vehicle_returned: { sets: { vehicle: 'returned' } },
    case_opened: { sets: { service_case: 'open' } },
    case_closed: { sets: { service_case: 'closed' } },
    technician_visit: {},
    churned: { sets: { member: 'churned' } },
    opened: {},
    clicked: {},
    replied: {},
    purchased: {},
  },
  rules: Object.fromEntries(
    // Severities only: the engine merges each rule's defaultOptions under whatever options a config gives.
    RULES.map((rule) => [rule.id, rule.defaultSeverity]),
  ),
};

/** `cxlint:strict`: the recommended vocabulary, with every rule an error. */
export const STRICT: CxlintConfig = {
  ...RECOMMENDED,
  rules: Object.fromEntries(RULES.map((rule) => [rule.id, 'error'])),
};

export const PRESETS: Record<string, CxlintConfig> = { 'cxlint:recommended': RECOMMENDED, 'cxlint:strict': STRICT };
