/** The chaos suite's result per scenario, its summary table and the machine-readable last line (docs/contracts.md, Benchmarks and the chaos suite). */

export interface ScenarioResult {
  name: string;
  seed: number;
  /** Faults injected: kills, simulator faults, duplicate and stale deliveries. */
  injected: number;
  expected: number;
  actual: number;
  lost: number;
  duplicated: number;
  /** Further checks of the scenario (links, parked items, stuck instances …): each must hold. */
  checks: Array<{ name: string; ok: boolean; detail?: string }>;
  seconds: number;
}

export function scenarioOk(result: ScenarioResult): boolean {
  return result.lost === 0 && result.duplicated === 0 && result.actual === result.expected && result.checks.every((c) => c.ok);
}

export function summaryTable(results: readonly ScenarioResult[]): string {
  const header = ['scenario', 'seed', 'injected', 'expected', 'actual', 'lost', 'duplicated', 'seconds', 'result'];
  const rows = results.map((r) => [r.name, String(r.seed), String(r.injected), String(r.expected), String(r.actual), String(r.lost), String(r.duplicated), r.seconds.toFixed(1), scenarioOk(r) ? 'ok' : 'FAILED']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const failedChecks = results.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => `  ${r.name}: ${c.name} failed${c.detail ? ` (${c.detail})` : ''}`));
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...failedChecks].join('\n');
}

export function summaryJson(results: readonly ScenarioResult[]): string {
  return JSON.stringify({
    ok: results.length > 0 && results.every(scenarioOk),
    scenarios: results.map((r) => ({ name: r.name, seed: r.seed, injected: r.injected, expected: r.expected, actual: r.actual, lost: r.lost, duplicated: r.duplicated })),
  });
}
