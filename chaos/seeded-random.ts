/** A small seeded generator (mulberry32), so a chaos run's kill moments and fault choices repeat with --seed. */

import { seededRandom, type Random } from '../local/sim/seeded-random';

export { seededRandom, type Random };

export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `count` distinct sorted integers in [low, high]. */
export function sortedPoints(count: number, low: number, high: number, random: Random): number[] {
  const points = new Set<number>();
  const span = Math.max(1, high - low + 1);
  while (points.size < Math.min(count, span)) points.add(low + Math.floor(random() * span));
  return [...points].sort((a, b) => a - b);
}
