/**
 * Reads an HTTP request body up to a limit: a declared Content-Length over the limit is refused before a byte is read,
 * and reading stops as soon as the bytes received (chunked transfer included) pass it — never more than the limit is
 * held. Callers check the key before calling this.
 */
import type { HttpRequest } from '@azure/functions';

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
