/** `GET /api/ops/ui`: serves the ops page; the page itself authenticates every API call with the key the operator types in. */
import { randomBytes } from 'node:crypto';
import { app, type HttpResponseInit } from '@azure/functions';
import { opsPageHtml, opsPageSecurityPolicy } from './ops-page-html';

export async function opsPage(): Promise<HttpResponseInit> {
  const nonce = randomBytes(16).toString('base64');
  return {
    status: 200,
    body: opsPageHtml(nonce),
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': opsPageSecurityPolicy(nonce),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  };
}

app.http('ops-ui', { route: 'ops/ui', methods: ['GET'], authLevel: 'anonymous', handler: opsPage });
