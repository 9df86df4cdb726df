/** A small seeded generator (mulberry32), so a chaos run's kill moments and fault choices repeat with --seed. */

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
