import { channelParity } from './channel-parity.js';
import { conflictingFacts } from './conflicting-facts.js';
import { conflictingIntents } from './conflicting-intents.js';
import { conflictingOffers } from './conflicting-offers.js';
import { duplicateId } from './duplicate-id.js';
import { duplicateMessage } from './duplicate-message.js';
import { expiredOffer } from './expired-offer.js';
import { frequencyCap } from './frequency-cap.js';
import { journeyComplexity } from './journey-complexity.js';
import { journeyDeadEnd } from './journey-dead-end.js';
import { journeyLoop } from './journey-loop.js';
import { journeyUnreachableStep } from './journey-unreachable-step.js';
import { localeDrift } from './locale-drift.js';
import { missingLocale } from './missing-locale.js';
import { missingMessage } from './missing-message.js';
import { noConsent } from './no-consent.js';
import { ownedChannelGap } from './owned-channel-gap.js';
import { ownerCollision } from './owner-collision.js';
import { quietHours } from './quiet-hours.js';
import { stateConflict } from './state-conflict.js';
import { unansweredReply } from './unanswered-reply.js';
import { unapprovedTemplate } from './unapproved-template.js';
import { undefinedPlaceholder } from './undefined-placeholder.js';
import { invalidInput } from './invalid-input.js';
import type { Rule, RuleMeta } from './rule.js';
import { unknownReference } from './unknown-reference.js';
import { suppressionWithoutReason } from './suppression-without-reason.js';
import { unusedSuppression } from './unused-suppression.js';

/** Rules that check the plan and its timelines, in the order of SPEC 6. */
export const CHECKS: ReadonlyArray<Rule<never>> = [
  duplicateMessage,
  frequencyCap,
  quietHours,
  ownerCollision,
  conflictingOffers,
  stateConflict,
  conflictingIntents,
  conflictingFacts,
  expiredOffer,
  noConsent,
  missingMessage,
  unansweredReply,
  ownedChannelGap,
  channelParity,
  missingLocale,
  journeyDeadEnd,
  journeyUnreachableStep,
  journeyLoop,
  journeyComplexity,
  localeDrift,
  undefinedPlaceholder,
  unapprovedTemplate,
];

/** Every rule cxlint knows, in the order `cxlint rules` lists them. */
export const RULES: readonly RuleMeta[] = [...CHECKS, invalidInput, unknownReference, duplicateId, suppressionWithoutReason, unusedSuppression];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((rule) => [rule.id, rule]));
