/** JSON replies of the intake and operations endpoints: a status and a small body that names what happened. */
import type { HttpResponseInit } from '@azure/functions';

export function reply(status: number, body: Record<string, unknown>): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'content-type': 'application/json; charset=utf-8' } };
}


export const tooLarge = (limit: number): HttpResponseInit => reply(413, { error: 'TOO_LARGE', message: `the request body is larger than ${limit} bytes` });
