/**
 * The connectors' one HTTP client: axios over keep-alive agents, a timeout on every exchange, every status handed back
 * (never thrown), and the failures mapped to the error policy — no answer, 5xx, 429 and 408 are transient, 401/403 an
 * authorization problem, any other 4xx permanent. Errors name the system, the call and the status; they never carry
 * the request or the answer (headers hold credentials, bodies may hold buyer data), so the axios error is not kept.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { AuthError, PermanentError, TransientError } from '../../core/errors';

type ErrorDetails = Record<string, string | number | boolean | undefined>;

// One pool per process: connections to M3, the ION API gateway, LWA and SP-API are reused across calls.
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** An axios instance on the shared keep-alive agents; connectors take one as an optional seam (tests pass their own). */
export function createHttpClient(): AxiosInstance {
  return axios.create({ httpAgent, httpsAgent });
}

export type HttpRequest = Omit<AxiosRequestConfig, 'timeout' | 'validateStatus' | 'signal'> & { timeoutMs: number };

export type HttpAnswer = { answered: true; status: number; data: unknown; header(name: string): string | undefined };
/** No HTTP answer at all: the connection failed or the timeout passed. `reason` is the failure's own message only. */
export type NoAnswer = { answered: false; timedOut: boolean; reason: string };

/** One exchange; a failure to get any answer comes back as NoAnswer rather than as the axios error. */
export async function exchange(client: AxiosInstance, request: HttpRequest): Promise<HttpAnswer | NoAnswer> {
  const { timeoutMs, ...config } = request;
  try {
    const res = await client.request({ ...config, timeout: timeoutMs, validateStatus: () => true });
    return {
      answered: true,
      status: res.status,
      data: res.data,
      header: (name) => {
        const value: unknown = res.headers[name.toLowerCase()];
        return typeof value === 'string' ? value : undefined;
      },
    };
  } catch (error) {
    return noAnswer(error);
  }
}

function noAnswer(error: unknown): NoAnswer {
  // Duck-typed: an abort may surface as a DOMException, which is not an Error of every realm.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const timedOut = name === 'TimeoutError' || name === 'AbortError' || code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  let reason = error instanceof Error ? error.message : 'network failure';
  if (error instanceof Error && error.cause instanceof Error && error.cause.message !== error.message) reason = `${reason}: ${error.cause.message}`;
  return { answered: false, timedOut, reason };
}

export type FailureKind = 'transient' | 'auth' | 'permanent';

/** How the error policy treats a status that is not 2xx. */
export function failureKindOf(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status >= 500 || status === 429 || status === 408) return 'transient';
  return 'permanent';
}

export interface FailureNaming {
  /** The external system, as in the errors' `system` field ('m3', 'amazon', …). */
  system: string;
  /** What was called, as it starts the message (e.g. `M3 OIS100MI.AddBatchHead`). */
  call: string;
  details?: ErrorDetails;
}

/** The TransientError for NoAnswer: code TIMEOUT or NETWORK unless the connector names its own. */
export function noAnswerError(naming: FailureNaming, failure: NoAnswer, code?: string): TransientError {
  const message = `${naming.call}: ${failure.timedOut ? 'timed out' : `connection failed (${failure.reason})`}`;
  return new TransientError(message, { code: code ?? (failure.timedOut ? 'TIMEOUT' : 'NETWORK'), system: naming.system, details: naming.details });
}

/** The error for a status that is not 2xx, by failureKindOf; code `HTTP_<status>` and the status in details. */
export function statusError(naming: FailureNaming, status: number, opts: { retryAfterMs?: number; authNote?: string } = {}): TransientError | AuthError | PermanentError {
  const options = { code: `HTTP_${status}`, system: naming.system, details: { ...naming.details, httpStatus: status } };
  const kind = failureKindOf(status);
  if (kind === 'auth') return new AuthError(`${naming.call}: HTTP ${status}${opts.authNote ? ` ${opts.authNote}` : ''}`, options);
  if (kind === 'transient') return new TransientError(`${naming.call}: HTTP ${status}`, { ...options, retryAfterMs: opts.retryAfterMs });
  return new PermanentError(`${naming.call}: HTTP ${status}`, options);
}

/** Retry-After in seconds, as milliseconds (undefined when absent or not a positive number). */
export function retryAfterMs(header: string | undefined): number | undefined {
  const seconds = Number(header);
  return header !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
