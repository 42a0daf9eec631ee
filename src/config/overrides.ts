import type { SegmentTree } from '../model/tree.js';
import type { Override, ResolvedConfig, RuleSetting } from './resolve.js';

/**
 * Whether an override applies to a problem or a check: to a segment it names or one below it, or to a campaign it
 * names. Whether its segments cover a segment is told by the numbered tree, not by walking up a chain that can be
 * thousands deep.
 */
export type OverrideMatch = (segments: readonly string[], campaign?: string) => boolean;

export function overrideMatch(override: Override, tree: Pick<SegmentTree, 'anyContains'>): OverrideMatch {
  const covers = override.segments ? tree.anyContains(override.segments) : undefined;
  return (segments, campaign) => (covers !== undefined && segments.some(covers)) || (campaign !== undefined && (override.campaigns?.includes(campaign) ?? false));
}

/** A rule's settings in the order they apply: the config's, then each override's with the test of where it applies. */
export function settingsOf(config: ResolvedConfig, rule: string, tree: Pick<SegmentTree, 'anyContains'>): { base?: RuleSetting; overrides: Array<{ setting: RuleSetting; applies: OverrideMatch }> } {
  const overrides = config.overrides.flatMap((override) => {
    const setting = override.rules.get(rule);
    return setting ? [{ setting, applies: overrideMatch(override, tree) }] : [];
  });
  return { base: config.rules.get(rule), overrides };
}
