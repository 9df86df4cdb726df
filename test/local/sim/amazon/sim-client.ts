/** Raw HTTP access to a running SP-API simulator for specs that send requests the app never would. */
import axios from 'axios';
import { z } from 'zod';
import type { AmazonSimulator } from '../../../../local/sim/amazon/amazon-simulator';

export const http = axios.create({ validateStatus: () => true });

export async function accessToken(sim: AmazonSimulator): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: sim.refreshToken, client_id: sim.clientId, client_secret: sim.clientSecret });
  const res = await http.post(`${sim.url}/auth/o2/token`, form.toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return String(res.data.access_token);
}

/** An SP-API call with a fresh access token. */
export async function call(sim: AmazonSimulator, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; data: unknown }> {
  const token = await accessToken(sim);
  const res = await http.request({ method, url: `${sim.url}${path}`, data: body, headers: { 'x-amz-access-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } });
  return { status: res.status, data: res.data };
}

const ErrorListSchema = z.object({ errors: z.array(z.object({ code: z.string(), message: z.string() })) });

/** Amazon's 400 for an off-model request: the InvalidInput error list. */
export function invalidInputMessage(data: unknown): string {
  const parsed = ErrorListSchema.parse(data);
  expect(parsed.errors[0]?.code).toBe('InvalidInput');
  return parsed.errors.map((e) => e.message).join(' ');
}

export const ViolationsSchema = z.array(z.object({ operation: z.string(), method: z.string(), path: z.string(), problems: z.array(z.string()) }));
