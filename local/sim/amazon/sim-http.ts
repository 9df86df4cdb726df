/** The simulator's request/response shapes and the SP-API error body (`{"errors":[{code,message,details}]}`, the ErrorList of every model). */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimOperation } from './rate-plans';
import type { ModelRef } from './model-validator';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  rawBody: Buffer;
  /** Parsed JSON body, undefined when empty; a JSON syntax error becomes a 400 before the handler runs. */
  body: unknown;
  /** Seller whose access token made the call (undefined for grantless and control routes). */
  sellerId?: string;
  /** The regional endpoint the call came through (`/na`, `/eu`, `/fe` path prefix; region-endpoints.ts). */
  region?: 'na' | 'eu' | 'fe';
}

export interface SimResponse {
  status: number;
  body?: unknown;
  /** Sent as is, for documents and XML. */
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: string;
  /** Route template with `{name}` placeholders (local/http-router), matched against the decoded path segments. */
  pattern: string;
  /** SP-API operation (auth, rate limit, faults, stats apply) or undefined for control/document routes. */
  operation?: SimOperation;
  /** Which token kind the operation needs (Docs "Grantless operations"). */
  grantless?: boolean;
  model?: ModelRef;
  handler: Handler;
}

/** One request (or response) that broke a model or one of Amazon's cross-field rules. */
export interface Violation {
  operation: string;
  method: string;
  path: string;
  problems: string[];
}

export function errorBody(code: string, message: string, details?: string): { errors: Array<{ code: string; message: string; details?: string }> } {
  return { errors: [details === undefined ? { code, message } : { code, message, details }] };
}

export function spError(status: number, code: string, message: string, details?: string): SimResponse {
  return { status, body: errorBody(code, message, details) };
}

export function json(status: number, body: unknown): SimResponse {
  return { status, body };
}
