/** The chaos scenarios in order, with the full and the fast (CI) sizes. Each scenario runs on its own sandbox. */
import type { ScenarioResult } from './chaos-report';
import { startChaosSandbox } from './chaos-sandbox';
import { seedItems } from './chaos-orders';
import { crashOrders } from './crash-orders';
import { crashShipments } from './crash-shipments';
import { crashInventory } from './crash-inventory';
import { duplicates } from './duplicates';
import { faults } from './faults';
import { operatorStorm } from './operator-storm';

export interface ChaosPlan { seed: number; fast: boolean; orders?: number; only?: string[] }

export const SCENARIO_NAMES = ['crash-orders', 'crash-shipments', 'crash-inventory', 'duplicates', 'faults', 'operator-storm'];

export async function runScenarios(plan: ChaosPlan, log: (line: string) => void): Promise<ScenarioResult[]> {
  const wants = (name: string): boolean => !plan.only || plan.only.includes(name);
  const results: ScenarioResult[] = [];
  const orders = plan.orders ?? (plan.fast ? 60 : 500);
  const kills = plan.fast ? 3 : 10;

  if (wants('crash-orders')) {
    const sandbox = await startChaosSandbox({ timeScale: 50 });
    try {
      await seedItems(sandbox);
      const { result } = await crashOrders(sandbox, { seed: plan.seed, orders, kills, log });
      results.push(modelChecked(result, sandbox));
      log(`crash-orders: ${result.actual}/${result.expected} in ${result.seconds.toFixed(1)} s`);
    } finally {
      await sandbox.stop();
    }
  }
  if (wants('crash-shipments')) {
    const sandbox = await startChaosSandbox({ timeScale: 50 });
    try {
      await seedItems(sandbox);
      const result = await crashShipments(sandbox, { seed: plan.seed, orders: plan.fast ? 12 : orders, kills, log });
      results.push(modelChecked(result, sandbox));
      log(`crash-shipments: ${result.actual}/${result.expected} packages in ${result.seconds.toFixed(1)} s`);
    } finally {
      await sandbox.stop();
    }
  }
  if (wants('crash-inventory')) {
    const sandbox = await startChaosSandbox({ timeScale: 50, sellerRegions: ['NA'] });
    try {
      const result = await crashInventory(sandbox, { seed: plan.seed, items: plan.fast ? 40 : orders, kills, log });
      results.push(modelChecked(result, sandbox));
      log(`crash-inventory: ${result.actual}/${result.expected} SKUs right in ${result.seconds.toFixed(1)} s`);
    } finally {
      await sandbox.stop();
    }
  }
  if (wants('duplicates')) {
    const sandbox = await startChaosSandbox({ timeScale: 50 });
    try {
      await seedItems(sandbox);
      const result = await duplicates(sandbox, { seed: plan.seed, orders: plan.fast ? 15 : Math.min(orders, 100), log });
      results.push(modelChecked(result, sandbox));
      log(`duplicates: ${result.actual}/${result.expected} in ${result.seconds.toFixed(1)} s`);
    } finally {
      await sandbox.stop();
    }
  }
  if (wants('faults')) {
    const sandbox = await startChaosSandbox({ timeScale: 50, virtualClock: true });
    try {
      await seedItems(sandbox);
      const result = await faults(sandbox, { seed: plan.seed, orders: plan.fast ? 20 : Math.min(orders, 100), log });
      results.push(modelChecked(result, sandbox));
      log(`faults: ${result.actual}/${result.expected} in ${result.seconds.toFixed(1)} s`);
    } finally {
      await sandbox.stop();
    }
  }
  if (wants('operator-storm')) {
    const sandbox = await startChaosSandbox({ timeScale: 50, virtualClock: true });
    try {
      await seedItems(sandbox);
      const result = await operatorStorm(sandbox, { seed: plan.seed, orders: plan.fast ? 20 : Math.min(orders, 100), held: plan.fast ? 2 : 5, log });
      results.push(result);
      log(`operator-storm: ${result.actual}/${result.expected} in ${result.seconds.toFixed(1)} s`);
    } finally {
      await sandbox.stop();
    }
  }
  return results;
}

/** Every scenario also holds the SP-API simulator's check that each request of the app followed the official models. */
function modelChecked(result: ScenarioResult, sandbox: { services: { amazon: { violations: ReadonlyArray<{ operation: string; problems: string[] }> } } }): ScenarioResult {
  const violations = sandbox.services.amazon.violations;
  const detail = violations.slice(0, 2).map((v) => `${v.operation}: ${v.problems.join('; ')}`).join(' | ');
  return { ...result, checks: [...result.checks, { name: 'SP-API requests as the official models describe', ok: violations.length === 0, ...(detail ? { detail } : {}) }] };
}
