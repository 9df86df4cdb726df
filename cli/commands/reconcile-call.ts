/** One JSON request of the reconcile commands to the running app; a refusal names the status and the app's message. */
import { z } from 'zod';
import { InputError } from '../input-error';

export async function call(url: string, key: string | undefined, init: { method: 'GET' | 'POST'; body?: unknown }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: { ...(key ? { 'x-api-key': key } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new Error(`cannot reach the app at ${new URL(url).origin}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  if (!response.ok) {
    const message = z.object({ message: z.string() }).safeParse(body);
    const detail = message.success ? message.data.message : text.slice(0, 200);
    if (response.status === 400 || response.status === 401 || response.status === 403) throw new InputError(`${init.method} ${new URL(url).pathname} answered ${response.status}: ${detail}`);
    throw new Error(`${init.method} ${new URL(url).pathname} answered ${response.status}: ${detail}`);
  }
  return body;
}
