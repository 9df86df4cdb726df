/** The connectors' shared HTTP client: statuses come back as answers; no answer, 5xx, 429 and 408 are transient, 401/403 auth, other 4xx permanent; errors name system, call and status and carry nothing that was sent or received. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, PermanentError, TransientError } from '../../../core/errors';
import { createHttpClient, exchange, failureKindOf, noAnswerError, retryAfterMs, statusError } from '../../../connectors/http';

const naming = { system: 'm3', call: 'M3 OIS100MI.AddBatchHead', details: { program: 'OIS100MI' } };

describe('the shared HTTP client', () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/slow') { setTimeout(() => res.end('late'), 300); return; }
      res.writeHead(503, { 'retry-after': '7', 'content-type': 'text/plain' });
      res.end('Jane Doe, 1 Main Street');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('hands back any status as an answer, with its headers', async () => {
    const answer = await exchange(createHttpClient(), { method: 'GET', url: `${url}/down`, timeoutMs: 2000 });
    expect(answer).toMatchObject({ answered: true, status: 503 });
    expect(answer.answered && retryAfterMs(answer.header('Retry-After'))).toBe(7000);
  });

  it('reports a timeout as no answer that timed out', async () => {
    const answer = await exchange(createHttpClient(), { method: 'GET', url: `${url}/slow`, timeoutMs: 50 });
    expect(answer).toMatchObject({ answered: false, timedOut: true });
    expect(noAnswerError(naming, answer as never)).toMatchObject({ code: 'TIMEOUT', system: 'm3', message: 'M3 OIS100MI.AddBatchHead: timed out' });
  });

  it('reports a refused connection as a transient NETWORK failure naming the call', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await exchange(createHttpClient(), { method: 'POST', url: `http://127.0.0.1:${port}/`, data: 'CUNM=Jane Doe', timeoutMs: 2000 });
    expect(answer).toMatchObject({ answered: false, timedOut: false });
    const error = noAnswerError(naming, answer as never);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code: 'NETWORK', system: 'm3' });
    expect(error.message).toMatch(/^M3 OIS100MI\.AddBatchHead: connection failed \(.*ECONNREFUSED/);
    expect(error.message).not.toContain('Jane');
    expect(error.cause).toBeUndefined();
  });
});

describe('mapping statuses to the error policy', () => {
  it.each([[500, TransientError], [503, TransientError], [429, TransientError], [408, TransientError], [401, AuthError], [403, AuthError], [400, PermanentError], [404, PermanentError], [409, PermanentError]])('HTTP %i → %p', (status, kind) => {
    const error = statusError(naming, status);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ code: `HTTP_${status}`, system: 'm3', details: { program: 'OIS100MI', httpStatus: status } });
    expect(error.message).toBe(`M3 OIS100MI.AddBatchHead: HTTP ${status}`);
  });

  it('names the kind of each status', () => {
    expect([502, 429, 401, 422].map(failureKindOf)).toEqual(['transient', 'transient', 'auth', 'permanent']);
  });

  it('keeps Retry-After on a transient error and ignores a missing or odd header', () => {
    expect(statusError(naming, 429, { retryAfterMs: 2000 })).toMatchObject({ retryAfterMs: 2000 });
    expect([undefined, '', '0', 'soon'].map(retryAfterMs)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
