/**
 * Shared plumbing of the operations endpoints: the key check, zod-validated JSON bodies and query strings, and one
 * mapping from failures to replies (400 bad input, 404 unknown, 409 wrong state, 503 dependency down).
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { z } from 'zod';
import { AuthError, TransientError } from '../../core/errors';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { opsAccess } from '../runtime/api-key';
import { reply } from '../runtime/http-replies';
import { logEvent } from '../runtime/structured-log';

/** Something the operator asked for cannot be done as asked; `status` says why (400, 404, 409). */
export class OpsError extends Error {
  constructor(readonly status: 400 | 404 | 409, readonly code: string, message: string) {
    super(message);
    this.name = 'OpsError';
  }
}

export const notFound = (what: string): OpsError => new OpsError(404, 'NOT_FOUND', `${what} not found`);
export const badInput = (message: string): OpsError => new OpsError(400, 'BAD_REQUEST', message);
export const conflict = (message: string): OpsError => new OpsError(409, 'CONFLICT', message);

export type OpsHandler = (request: HttpRequest, context: InvocationContext, deps: Dependencies) => Promise<HttpResponseInit | Record<string, unknown>>;

/** Wraps a handler: the operations key first (x-api-key only; the intake key is a 403), then errors → replies. */
export function opsEndpoint(handler: OpsHandler): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    const deps = dependencies();
    const refused = opsAccess(request, deps.settings);
    if (refused) return refused;
    try {
      const result = await handler(request, context, deps);
      return isResponse(result) ? result : reply(200, result);
    } catch (error) {
      return errorReply(error, context, request);
    }
  };
}

function isResponse(value: HttpResponseInit | Record<string, unknown>): value is HttpResponseInit {
  return typeof value.status === 'number' && ('jsonBody' in value || 'body' in value);
}

export function errorReply(error: unknown, context: InvocationContext, request: HttpRequest): HttpResponseInit {
  if (error instanceof OpsError) return reply(error.status, { error: error.code, message: error.message });
  const route = new URL(request.url).pathname;
  if (error instanceof TransientError || error instanceof AuthError) {
    logEvent(context, 'warn', 'ops.dependency-failed', { route, code: error.code, system: error.system });
    return reply(503, { error: 'UNAVAILABLE', message: error.message });
  }
  // Unexpected: the message may name internals but never carries payloads (stores and clients keep PII out of errors).
  logEvent(context, 'error', 'ops.failed', { route, message: error instanceof Error ? error.message.slice(0, 300) : String(error) });
  return reply(500, { error: 'INTERNAL', message: error instanceof Error ? error.message.slice(0, 300) : 'unexpected failure' });
}

/** The JSON body, parsed with `schema`; an empty body counts as `{}`. */
export async function jsonBody<S extends z.ZodTypeAny>(request: HttpRequest, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw badInput('the body is not valid JSON');
    }
  }
  return parseWith(schema, raw, 'body');
}

export function queryOf<S extends z.ZodTypeAny>(request: HttpRequest, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  request.query.forEach((value, key) => { raw[key] = value; });
  return parseWith(schema, raw, 'query');
}

function parseWith<S extends z.ZodTypeAny>(schema: S, raw: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput(`${where}${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function param(request: HttpRequest, name: string): string {
  const value = request.params[name];
  if (!value) throw badInput(`missing ${name}`);
  return value;
}
