/**
 * Reads an HTTP request body up to a limit: a declared Content-Length over the limit is refused before a byte is read,
 * and reading stops as soon as the bytes received (chunked transfer included) pass it — never more than the limit is
 * held. Callers check the key before calling this.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import { reply } from './http-replies';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** True when the request declares a Content-Length over `limit` (checked before anything is read). */
export function declaresMoreThan(request: HttpRequest, limit: number): boolean {
  const header = request.headers.get('content-length');
  if (header === null) return false;
  const declared = Number(header);
  return !Number.isFinite(declared) || declared > limit;
}

export async function readBodyWithLimit(request: HttpRequest, limit: number): Promise<Buffer> {
  if (declaresMoreThan(request, limit)) throw new BodyTooLargeError(limit);
  const body = request.body;
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      chunks.length = 0;
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * The JSON body of an operations request, parsed with `schema`: the value, or the 400 reply that names what is wrong
 * (never what was sent). `shape` describes the expected body in that reply.
 */
export async function readJsonBody<S extends z.ZodTypeAny>(
  request: HttpRequest, schema: S, limit: number, shape: string, invalidCode: string,
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: HttpResponseInit }> {
  let raw: unknown;
  try {
    raw = JSON.parse((await readBodyWithLimit(request, limit)).toString('utf8'));
  } catch {
    return { ok: false, response: reply(400, { error: 'INVALID_JSON', message: `the body must be JSON ${shape}` }) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: reply(400, { error: invalidCode, message: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }) };
  return { ok: true, value: parsed.data };
}
