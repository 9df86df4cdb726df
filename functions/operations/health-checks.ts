/**
 * Deep health checks: each dependency is exercised with its cheapest real call under a timeout, and reported with its
 * status and latency. Messages name what failed, never a secret (connector errors carry codes, not credentials).
 */
export interface HealthCheck {
  name: string;
  /** Resolves when the dependency answered; the optional text is shown as detail (e.g. how many were checked). */
  run(signal: AbortSignal): Promise<string | void>;
}

export interface CheckResult {
  name: string;
  status: 'ok' | 'failed';
  latencyMs: number;
  detail: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checkedAt: string;
  checks: CheckResult[];
}

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

export async function runHealthChecks(checks: readonly HealthCheck[], options: { timeoutMs?: number; now?: () => number } = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const results = await Promise.all(checks.map(async (check): Promise<CheckResult> => {
    const started = now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Reject first: a check that settles on abort must not win the race.
        reject(new Error(`no answer within ${timeoutMs} ms`));
        controller.abort();
      }, timeoutMs);
    });
    try {
      const detail = await Promise.race([check.run(controller.signal), timeout]);
      return { name: check.name, status: 'ok', latencyMs: Math.round(now() - started), detail: detail ?? '' };
    } catch (error) {
      return { name: check.name, status: 'failed', latencyMs: Math.round(now() - started), detail: describe(error) };
    } finally {
      clearTimeout(timer);
    }
  }));
  return { status: results.every((r) => r.status === 'ok') ? 'ok' : 'degraded', checkedAt: new Date().toISOString(), checks: results };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  // Belt and braces: a bearer token or a query-string secret never leaves in a health reply.
  return text.replace(/(Bearer\s+)[\w.~+/-]+=*/gi, '$1***').replace(/((?:secret|token|password|key)=)[^&\s]+/gi, '$1***').slice(0, 300);
}
