/** Security: the intake key check (functions/runtime/api-key.ts) costs the same whatever is presented and whichever key matches. */
import { keyMatches } from '../../functions/runtime/api-key';

const KEYS = ['first-key-0123456789abcdef', 'second-key-0123456789abcdef', 'third-key-0123456789abcdef'];

describe('intake key comparison', () => {
  let compared: Array<[number, number]> = [];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    compared = [];
    // The module object itself (not an import namespace copy), so the product's calls go through the spy.
    const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const real = crypto.timingSafeEqual;
    spy = jest.spyOn(crypto, 'timingSafeEqual').mockImplementation((a, b) => {
      compared.push([a.byteLength, b.byteLength]);
      return real(a, b);
    });
  });
  afterEach(() => spy.mockRestore());

  it.each([
    ['the first key', KEYS[0]!, true],
    ['the last key', KEYS[2]!, true],
    ['a wrong key of the same length', 'first-key-0123456789abcdeX', false],
    ['a one-character key', 'x', false],
    ['a 10 kB key', 'k'.repeat(10_000), false],
    ['an empty key', '', false],
  ])('compares %s against every configured key, through timingSafeEqual on equal-length digests', (_label, presented, expected) => {
    expect(keyMatches(presented, KEYS)).toBe(expected);
    // No early exit on a match and no length shortcut: the work does not depend on which key matched or on the input length.
    expect(compared).toHaveLength(KEYS.length);
    for (const [a, b] of compared) expect([a, b]).toEqual([32, 32]);
  });

  it('never accepts an empty configured key, even when an empty key is presented', () => {
    expect(keyMatches('', [''])).toBe(false);
    expect(keyMatches('', [])).toBe(false);
  });
});
