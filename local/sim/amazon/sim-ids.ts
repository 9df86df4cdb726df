/** Deterministic pseudo-random numbers and Amazon-shaped identifiers for the simulator (seeded, so runs repeat). */

/** mulberry32: tiny, fast, good enough for fault injection and fixtures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function digits(random: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 1) out += String(Math.floor(random() * 10));
  return out;
}

/** Amazon order id shape 3-7-7, e.g. 113-1234567-1234567. */
export function amazonOrderId(random: () => number): string {
  return `${100 + Math.floor(random() * 900)}-${digits(random, 7)}-${digits(random, 7)}`;
}

export function uuidLike(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}
