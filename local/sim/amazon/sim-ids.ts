/** Deterministic pseudo-random numbers and Amazon-shaped identifiers for the simulator (seeded, so runs repeat). */

export { seededRandom } from '../seeded-random';

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
