/**
 * Keys by role. The intake key (it sits in ION's connection point and in the AWS connection) opens only the intake
 * routes; the operations key opens the ops API, reconcile and settlement operations. Keys are compared in constant time
 * against every configured key, so rotation (two keys side by side) needs no downtime.
 *
 * - intake routes: `x-api-key`, or the Functions key forms `x-functions-key` / `?code=` (senders that can only do that);
 * - ops routes: `x-api-key` only — a key in a URL ends up in browser history, proxies and access logs. The intake key
 *   presented on an ops route is a 403 (known, not allowed), any other key a 401.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { reply } from './http-replies';

/** Shorter keys can be guessed or brute-forced against an internet-facing endpoint; 32 characters ≈ 190 bits base64. */
export const MIN_KEY_LENGTH = 32;

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

/** The key an intake sender presented: header first, then the Functions `code` query parameter. */
export function presentedKey(request: HttpRequest): string | undefined {
  return request.headers.get('x-api-key') ?? request.headers.get('x-functions-key') ?? request.query.get('code') ?? undefined;
}

export function isAuthorized(request: HttpRequest, accepted: readonly string[]): boolean {
  const key = presentedKey(request);
  return key !== undefined && keyMatches(key, accepted);
}

export interface RoleKeys {
  INTAKE_API_KEY: readonly string[];
  OPS_API_KEY: readonly string[];
}

/** Undefined when the request may go on to an intake route; else the reply (401). */
export function intakeAccess(request: HttpRequest, keys: RoleKeys): HttpResponseInit | undefined {
  return isAuthorized(request, keys.INTAKE_API_KEY) ? undefined : unauthorized('a valid intake key in x-api-key is required');
}

/** Undefined when the request carries the operations key in `x-api-key`; else 403 for the intake key, 401 otherwise. */
export function opsAccess(request: HttpRequest, keys: RoleKeys): HttpResponseInit | undefined {
  const key = request.headers.get('x-api-key');
  if (key !== null && keyMatches(key, keys.OPS_API_KEY)) return undefined;
  const anyKey = key ?? request.headers.get('x-functions-key') ?? request.query.get('code');
  if (anyKey !== null && keyMatches(anyKey, keys.INTAKE_API_KEY)) {
    return reply(403, { error: 'FORBIDDEN', message: 'the intake key does not open operations: use the operations key (OPS_API_KEY) in x-api-key' });
  }
  if (key === null && anyKey !== null && keyMatches(anyKey, keys.OPS_API_KEY)) {
    return unauthorized('the operations key is accepted only in the x-api-key header, never in the URL');
  }
  return unauthorized('a valid operations key in x-api-key is required');
}

/** True when the request carries the operations key in `x-api-key` (health shows details only then). */
export function hasOpsKey(request: HttpRequest, keys: RoleKeys): boolean {
  const key = request.headers.get('x-api-key');
  return key !== null && keyMatches(key, keys.OPS_API_KEY);
}

function unauthorized(message: string): HttpResponseInit {
  return reply(401, { error: 'UNAUTHORIZED', message });
}

/**
 * Why these key settings cannot run the app, or undefined when they can: each role needs at least one key, every key
 * is at least MIN_KEY_LENGTH characters, and no key opens both roles. Names the setting, never a key.
 */
export function keySettingsProblem(env: Record<string, string | undefined>): string | undefined {
  const list = (name: string): string[] => (env[name] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  const intake = list('INTAKE_API_KEY');
  const ops = list('OPS_API_KEY');
  for (const [name, keys] of [['INTAKE_API_KEY', intake], ['OPS_API_KEY', ops]] as const) {
    if (keys.length === 0) return `app setting ${name} is not set: the app needs one key (or several, comma-separated) of at least ${MIN_KEY_LENGTH} characters`;
    const short = keys.findIndex((k) => k.length < MIN_KEY_LENGTH);
    if (short !== -1) return `app setting ${name}: key ${short + 1} of ${keys.length} is shorter than ${MIN_KEY_LENGTH} characters; generate a long random key (e.g. openssl rand -base64 33)`;
  }
  if (intake.some((k) => ops.includes(k))) return 'app settings INTAKE_API_KEY and OPS_API_KEY share a key: the operations key must differ from the intake key';
  return undefined;
}
