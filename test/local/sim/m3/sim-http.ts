/** Test access to a running M3 simulator over real HTTP: get a token the `.ionapi` way and call MI REST v2 directly. */
import type { M3Simulator } from '../../../../local/sim/m3/m3-simulator';

export interface MiAnswer {
  status: number;
  body: {
    results: Array<{ transaction: string; records: Array<Record<string, string>>; errorMessage: string; errorCode: string; errorField: string; errorType: string }>;
    nrOfSuccessfullTransactions: number;
    nrOfFailedTransactions: number;
  };
}

export async function passwordGrant(sim: M3Simulator): Promise<{ status: number; body: Record<string, unknown> }> {
  const ion = sim.ionapiFile();
  const res = await fetch(`${ion.pu}${ion.ot}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: ion.saak, password: ion.sask, client_id: ion.ci, client_secret: ion.cs }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function accessToken(sim: M3Simulator): Promise<string> {
  const { body } = await passwordGrant(sim);
  return String(body.access_token);
}

export async function mi(sim: M3Simulator, token: string, program: string, transaction: string, params: Record<string, string> = {}, context: Record<string, string> = {}): Promise<MiAnswer> {
  const query = new URLSearchParams({ ...context, ...params });
  const res = await fetch(`${sim.miRootUrl}/v2/execute/${program}/${transaction}?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as MiAnswer['body'] };
}

export async function simGet<T>(sim: M3Simulator, route: string): Promise<T> {
  const res = await fetch(`${sim.url}${route}`);
  return (await res.json()) as T;
}

export async function simPost(sim: M3Simulator, route: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
