/** End-to-end helpers: a sandbox on the test Azurite with the app's TypeScript sources, and small HTTP helpers. */
import { startSandbox, sourceAppFiles, type Sandbox, type SandboxOptions } from '../../local/sandbox/sandbox';
import { uniqueName } from '../support/storage';

/**
 * A sandbox with its own in-memory Azurite: the app's queue names are fixed, so two apps on one storage account would
 * take each other's messages (as two deployments sharing a Service Bus namespace would). One sandbox per test file:
 * the app registers its functions and reads its settings once per module registry, as a Functions worker does.
 */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ taskHub: uniqueName('hub'), appFiles: sourceAppFiles(), timeScale: 50, ...options });
  const stop = sandbox.stop;
  // Every spec file ends with the check that the app sent Amazon nothing the official models refuse: the simulator
  // answers such a request with Amazon's 400 and records it, and stopping the sandbox fails the file if it did.
  return { ...sandbox, stop: async () => { const violations = [...sandbox.amazon.violations]; await stop(); assertNoAmazonViolations(violations); } };
}

/** Fails with the operations and problems when the SP-API simulator recorded requests or responses off the models. */
export function assertNoAmazonViolations(violations: ReadonlyArray<{ operation: string; problems: string[] }>): void {
  if (violations.length === 0) return;
  const lines = violations.slice(0, 5).map((v) => `${v.operation}: ${v.problems.join('; ')}`);
  throw new Error(`the app made ${violations.length} SP-API request(s) the official models refuse:\n${lines.join('\n')}`);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, body: parsed };
}

/**
 * GET `url` (no body) or POST `body` (a string as XML, anything else as JSON); a status of 300 or more throws with the
 * answer. Returns the parsed JSON answer, or undefined when it is empty.
 */
export async function http(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, body === undefined ? undefined : {
    method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': typeof body === 'string' ? 'application/xml' : 'application/json', ...headers },
  });
  if (res.status >= 300) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  return (await response.json()) as T;
}

export interface SimM3Order {
  ORNO: string;
  CUOR: string;
  CUNO: string;
  STAT: string;
  lines: Array<{ PONR: string; ITNO: string; ORQT: string; SAPR: string }>;
  address: Record<string, string>;
}

/** Waits until the simulator has delivered its notifications and the app has nothing left to do. */
export async function settled(sandbox: Sandbox, timeoutMs = 120_000): Promise<void> {
  await sandbox.amazon.notifications.flush();
  await sandbox.host.whenIdle({ timeoutMs });
}

/** MI calls the M3 simulator refused for a reason the app could have known (unknown field, too long, mandatory missing). */
export async function m3Violations(sandbox: Sandbox): Promise<Array<{ operation: string; problems: string[] }>> {
  return getJson(`${sandbox.m3.url}/_sim/violations`);
}
