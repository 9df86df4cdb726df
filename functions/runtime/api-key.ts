/**
 * Intake authentication: `x-api-key` (ION API "Send to API", EventBridge API destinations) or the Functions key
 * (`x-functions-key` / `code`), compared in constant time against every configured key so rotation needs no downtime.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';

function digest(value: string): Buffer {
  // Hashing first gives equal-length buffers, so timingSafeEqual never leaks the key length.
  return createHash('sha256').update(value, 'utf8').digest();
}

export function keyMatches(presented: string, accepted: readonly string[]): boolean {
  const presentedDigest = digest(presented);
  let match = false;
  for (const key of accepted) {
    if (key.length > 0 && timingSafeEqual(presentedDigest, digest(key))) match = true;
  }
  return match;
}

export function presentedKey(request: HttpRequest): string | undefined {
  return request.headers.get('x-api-key') ?? request.headers.get('x-functions-key') ?? request.query.get('code') ?? undefined;
}

export function isAuthorized(request: HttpRequest, accepted: readonly string[]): boolean {
  const key = presentedKey(request);
  return key !== undefined && keyMatches(key, accepted);
}
