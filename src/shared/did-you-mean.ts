import { distance } from 'fastest-levenshtein';

/** The known name closest to a misspelt one, when it is close enough to be what was meant. */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const candidateDistance = distance(wanted, candidate.toLowerCase());
    if (candidateDistance < bestDistance || (candidateDistance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = candidateDistance;
    }
  }
  return bestDistance <= limit && bestDistance > 0 ? best : bestDistance === 0 && best !== name ? best : undefined;
}
