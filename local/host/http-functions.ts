/** HTTP triggers: route table from the registrations, real HttpRequest in, HttpResponse/HttpResponseInit translated back. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpRequest, HttpResponse, type Cookie, type HttpRequestInit, type HttpResponseInit } from '@azure/functions';
import { triggerOf, type FunctionRegistration } from './registrations';
import { compileRoute, Router } from '../http-router/router';
import { isAuthorized, presentedKey, type AuthLevel, type HostKeys } from './function-keys';
import { createInvocationContext, type InvocationServices } from './invocation-context';
import { hostLog } from './log-sink';

/** Azure's request body limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT default, 100 MB); the app applies its own smaller ones. */
export const MAX_REQUEST_BODY_BYTES = 100 * 1024 * 1024;

interface HttpFunction {
  registration: FunctionRegistration;
  authLevel: AuthLevel;
}

/** The route table of the HTTP-triggered functions: Azure's template syntax, literal routes before parameter routes. */
export function httpFunctionsOf(registrations: FunctionRegistration[]): Router<HttpFunction> {
  const table: Array<{ template: string; methods: string[]; fn: HttpFunction; specificity: number }> = [];
  for (const registration of registrations) {
    const trigger = triggerOf(registration);
    if (trigger.type !== 'httpTrigger') continue;
    const template = typeof trigger.route === 'string' && trigger.route.length > 0 ? trigger.route : registration.name;
    const methods = Array.isArray(trigger.methods) ? trigger.methods.map((m) => String(m).toUpperCase()) : ['GET', 'POST'];
    const level = trigger.authLevel === 'function' || trigger.authLevel === 'admin' ? trigger.authLevel : 'anonymous';
    table.push({ template, methods, fn: { registration, authLevel: level }, specificity: compileRoute(template).specificity });
  }
  const router = new Router<HttpFunction>({ ignoreCase: true, looseSlashes: true });
  for (const entry of table.sort((a, b) => b.specificity - a.specificity)) router.on(entry.methods, entry.template, entry.fn);
  return router;
}

export interface HttpDispatchOptions {
  functions: Router<HttpFunction>;
  routePrefix: string;
  keys: HostKeys;
  baseUrl: () => string;
  services: InvocationServices;
  /** Counts in-flight invocations so whenIdle() can wait for them. */
  track: <T>(work: Promise<T>) => Promise<T>;
}

/** Handles the request when a function route matches; false leaves it to the caller (404). */
export async function dispatchHttpFunction(req: IncomingMessage, res: ServerResponse, url: URL, options: HttpDispatchOptions): Promise<boolean> {
  const prefix = options.routePrefix ? `/${options.routePrefix.toLowerCase()}` : '';
  const pathname = url.pathname;
  if (prefix && pathname.toLowerCase() !== prefix && !pathname.toLowerCase().startsWith(`${prefix}/`)) return false;
  const rest = pathname.slice(prefix.length);
  const method = (req.method ?? 'GET').toUpperCase();
  // The Functions host treats a method the route does not allow as no match at all (404, not 405).
  const found = options.functions.lookup(method, rest);
  if (found.kind !== 'found') return false;
  const { handler: fn, params } = found;
  if (!isAuthorized(fn.authLevel, presentedKey(req.headers, url.searchParams), options.keys)) {
    res.writeHead(401).end();
    return true;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!Number.isFinite(declared) || declared > MAX_REQUEST_BODY_BYTES) {
    req.resume();
    res.writeHead(413, { connection: 'close' }).end();
    return true;
  }
  // The body is handed to the function as a stream (as Azure does with HTTP streams on): nothing is buffered before the
  // function has looked at the key, and the function reads only what its own limit allows.
  const requestUrl = new URL(`${url.pathname}${url.search}`, options.baseUrl()).toString();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? requestBodyStream(req, MAX_REQUEST_BODY_BYTES) : undefined;
  const nativeRequest = new Request(requestUrl, {
    method, headers: flatHeaders(req),
    ...(body ? { body: body.stream, duplex: 'half' } : {}),
  } as RequestInit);
  if (!body) req.resume();
  // `nativeRequest` is how @azure/functions itself builds a streamed request; it is not in the public init type.
  const init = { method, url: requestUrl, headers: flatHeaders(req), query: Object.fromEntries(url.searchParams.entries()), params, nativeRequest };
  const request = new HttpRequest(init as HttpRequestInit);
  const context = createInvocationContext(fn.registration, options.services, { headers: flatHeaders(req), query: Object.fromEntries(url.searchParams), ...params });
  let result: unknown;
  try {
    result = await options.track(Promise.resolve(fn.registration.handler(request, context)));
  } catch (error) {
    hostLog(options.services.sink, 'error', `Executed '${fn.registration.name}' (Failed): ${error instanceof Error ? error.message : String(error)}`, { function: fn.registration.name, invocationId: context.invocationId });
    if (!res.headersSent) res.writeHead(500).end();
    body?.discardRest();
    return true;
  }
  // Whatever the function left unread is drained (not kept), so the connection stays usable.
  body?.discardRest();
  await writeResponse(res, result);
  return true;
}

async function writeResponse(res: ServerResponse, result: unknown): Promise<void> {
  if (result === undefined || result === null) {
    res.writeHead(204).end();
    return;
  }
  if (typeof result !== 'object') throw new Error('The HTTP response must be an object with optional properties "body", "status", "headers", and "cookies".');
  // HttpResponseInit is the documented shape of a handler's plain-object return value.
  const response = result instanceof HttpResponse ? result : new HttpResponse(result as HttpResponseInit);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers.entries()) headers[name] = value;
  if (response.cookies.length > 0) headers['set-cookie'] = response.cookies.map(serializeCookie);
  const bytes = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers).end(bytes);
}

function serializeCookie(cookie: Cookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.domain) parts.push(`Domain=${cookie.domain}`);
  if (cookie.path) parts.push(`Path=${cookie.path}`);
  if (cookie.expires) parts.push(`Expires=${new Date(cookie.expires).toUTCString()}`);
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.secure) parts.push('Secure');
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join('; ');
}

export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * The request body as a web stream with backpressure. When the function stops reading (it answered 401 or 413 first),
 * the rest is discarded as it arrives — never held — so the response still reaches the client on this connection;
 * past `limit` bytes in all, the connection is dropped.
 */
export function requestBodyStream(req: IncomingMessage, limit: number): { stream: ReadableStream<Uint8Array>; discardRest(): void } {
  let size = 0;
  let done = false;
  let discarding = false;
  const discardRest = (): void => {
    discarding = true;
    req.resume();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          if (!done) { done = true; controller.error(new Error(`request body larger than ${limit} bytes`)); }
          req.destroy();
          return;
        }
        if (discarding || done) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => { if (!done && !discarding) { done = true; controller.close(); } });
      req.on('error', (error) => { if (!done && !discarding) { done = true; controller.error(error); } });
      req.on('aborted', () => { if (!done && !discarding) { done = true; controller.error(new Error('the client aborted the request')); } });
    },
    pull() {
      req.resume();
    },
    cancel() {
      discardRest();
    },
  });
  return { stream, discardRest };
}

/** The whole body, or 'too-large' (the rest is discarded) once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) { over = true; chunks.length = 0; return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
