import { distance } from 'fastest-levenshtein';

/**
 * How much comparing a run of suggestions may do, counted in cells of edit-distance tables: comparing names of
 * lengths m and n costs (m + 1) × (n + 1), which tracks fastest-levenshtein's time from one-letter names (the most per
 * cell) to long ones. The default, 200 million, is under a second on any names; past it, a misspelt name simply gets
 * no suggestion.
 */
export class SuggestionBudget {
  constructor(private left = 200_000_000) {}

  /** Takes `cells` when that many are left (and nothing otherwise). */
  take(cells: number): boolean {
    if (cells > this.left) return false;
    this.left -= cells;
    return true;
  }
}

interface KnownName {
  name: string;
  lower: string;
}

/**
 * Known names by the length of their lower-case form. Names within `limit` edits of each other differ in length by at
 * most `limit`, so a suggestion only compares the names of a few lengths.
 */
export class KnownNames {
  private readonly byLength = new Map<number, KnownName[]>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const lower = name.toLowerCase();
      const bucket = this.byLength.get(lower.length) ?? this.byLength.set(lower.length, []).get(lower.length)!;
      bucket.push({ name, lower });
    }
  }

  /** The names whose length is within `limit` of `length`, in groups of one length (not copied: groups can be large). */
  near(length: number, limit: number): Array<{ length: number; names: KnownName[] }> {
    const near: Array<{ length: number; names: KnownName[] }> = [];
    for (let candidate = Math.max(0, length - limit); candidate <= length + limit; candidate += 1) {
      const names = this.byLength.get(candidate);
      if (names) near.push({ length: candidate, names });
    }
    return near;
  }
}

/**
 * The known name closest to a misspelt one (ignoring case), when it is close enough to be what was meant: at most
 * a third of its length in edits (two for short names). Ties go to the first name in code-unit order, so the answer
 * does not depend on the order of the lists. Nothing when the comparisons would overrun the budget: the answer is that
 * of every comparison or none.
 */
export function closestName(name: string, lists: KnownNames[], budget: SuggestionBudget): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const groups = lists.flatMap((list) => list.near(wanted.length, limit));
  // Priced before comparing anything, by group, so that a name past the budget costs no more than finding its groups.
  const cells = groups.reduce((sum, group) => sum + (wanted.length + 1) * (group.length + 1) * group.names.length, 0);
  if (!budget.take(cells)) return undefined;
  let best: KnownName | undefined;
  let bestDistance = Infinity;
  for (const group of groups) {
    for (const known of group.names) {
      const edits = distance(wanted, known.lower);
      if (edits < bestDistance || (edits === bestDistance && known.name < best!.name)) {
        best = known;
        bestDistance = edits;
      }
    }
  }
  if (!best || bestDistance > limit) return undefined;
  // No edits at all: the name differs in case only, or it is known as written (nothing to suggest).
  return bestDistance > 0 || best.name !== name ? best.name : undefined;
}

/** A one-off suggestion (an unknown rule id, format or `--segment`): the closest of `known`, on a budget of its own. */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  return closestName(name, [new KnownNames(known)], new SuggestionBudget());
}

/**
 * Suggestions for many misspelt names against the same few lists, as a plan's unknown references need: each list is
 * indexed once, each distinct name is answered once per list (30,000 rows naming unknown templates cost one answer per
 * distinct name), and every answer draws on one budget. A list is read when it is first asked about, so it must be
 * complete by then; it is recognised by identity, so pass the same object each time.
 */
export class Suggestions {
  private readonly lists = new WeakMap<object, { known: KnownNames; answers: Map<string, string | undefined> }>();

  constructor(private readonly budget = new SuggestionBudget()) {}

  suggest(name: string, list: { keys(): Iterable<string> }): string | undefined {
    let indexed = this.lists.get(list);
    if (!indexed) this.lists.set(list, (indexed = { known: new KnownNames(list.keys()), answers: new Map() }));
    if (!indexed.answers.has(name)) indexed.answers.set(name, closestName(name, [indexed.known], this.budget));
    return indexed.answers.get(name);
  }
}
