/** JSON parsing for untrusted input: rejects prototype-polluting keys and reports where the text is broken. */

// `__proto__`, `constructor` and `prototype` have no business in Amazon notifications or our mappings;
// refusing them outright is simpler and safer than proving every consumer copies objects safely.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 200;

export class UnsafeJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeJsonError';
  }
}

/** Parses JSON text; throws `UnsafeJsonError` for invalid JSON, forbidden keys or absurd nesting. */
export function parseJsonSafely(text: string): unknown {
  // JSON.parse with a reviver recurses per level: measure the nesting first so deep input is refused by name, not by a
  // stack overflow.
  assertShallowText(text);
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`forbidden key "${key}"`);
      return v;
    });
  } catch (error) {
    if (error instanceof UnsafeJsonError) throw error;
    // The engine's message quotes the text around the fault; only the position is kept, so nothing received is echoed.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new UnsafeJsonError(position === undefined ? 'invalid JSON (not well-formed or truncated)' : `invalid JSON (at position ${position})`);
  }
  assertSafeValue(value);
  return value;
}

/** One linear pass over the text counting brackets outside strings; throws once the nesting passes MAX_DEPTH. */
function assertShallowText(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH + 1) throw new UnsafeJsonError(`nested deeper than ${MAX_DEPTH} levels`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** Checks an already-parsed value (e.g. a body a framework parsed) for forbidden keys and depth, without recursion. */
export function assertSafeValue(value: unknown): void {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) throw new UnsafeJsonError(`nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(v)) {
      for (const item of v) stack.push({ v: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`forbidden key "${key}"`);
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
}
