/** Function and master keys as the Functions host checks them: `code` query or `x-functions-key` header, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface HostKeys {
  /** Accepted by `authLevel: 'function'` (host-level default function key). */
  functionKey: string;
  /** Accepted by every auth level, and the only key for `admin` and the /admin API. */
  masterKey: string;
  /**
   * The `durabletask_extension` system key: with the master key, the only key the durable HTTP API
   * (/runtime/webhooks/durabletask) accepts; check-status URLs carry it as `code`, as in Azure.
   */
  durableKey: string;
}

export type AuthLevel = 'anonymous' | 'function' | 'admin';

/** Hashing first makes the comparison length-independent, so timing reveals neither content nor length. */
export function constantTimeEquals(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

export function presentedKey(headers: Record<string, string | string[] | undefined>, query: URLSearchParams): string | undefined {
  const header = headers['x-functions-key'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return fromHeader ?? query.get('code') ?? undefined;
}

export function isAuthorized(level: AuthLevel, key: string | undefined, keys: HostKeys): boolean {
  if (level === 'anonymous') return true;
  if (key === undefined) return false;
  // Evaluate both comparisons every time: no early exit that tells which key was close.
  const master = constantTimeEquals(key, keys.masterKey);
  const fn = constantTimeEquals(key, keys.functionKey);
  return level === 'admin' ? master : master || fn;
}

/** The durable HTTP API: the system key or the master key, either compared every time. */
export function isDurableApiAuthorized(key: string | undefined, keys: HostKeys): boolean {
  if (key === undefined) return false;
  const system = constantTimeEquals(key, keys.durableKey);
  const master = constantTimeEquals(key, keys.masterKey);
  return system || master;
}

export function generateKey(): string {
  return randomBytes(32).toString('base64url');
}
