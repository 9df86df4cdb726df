/**
 * `npm run chaos [-- --seed N] [--fast] [--orders N] [--only a,b]`: the reliability proof. Runs the crash,
 * fault and duplicate scenarios against the simulators and the app in a host process, prints a summary table, and ends
 * with the JSON line of docs/contracts.md, Benchmarks and the chaos suite. Exit 0 only when every scenario is exactly-once with every check passing.
 */
import { summaryJson, summaryTable, type ScenarioResult } from './chaos-report';
import { runScenarios, SCENARIO_NAMES, type ChaosPlan } from './scenarios';
import { isHostBuilt, HOST_MAIN } from './host-process';

function parseArgs(argv: string[]): ChaosPlan {
  const plan: ChaosPlan = { seed: Date.now() % 100_000, fast: false, orders: undefined, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--seed') plan.seed = Number(value());
    else if (arg === '--fast') plan.fast = true;
    else if (arg === '--orders') plan.orders = Number(value());
    else if (arg === '--only') plan.only = value().split(',').map((s) => s.trim());
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`usage: npm run chaos -- [--seed N] [--fast] [--orders N] [--only ${SCENARIO_NAMES.join(',')}]\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(plan.seed) || plan.seed < 0) throw new Error('--seed must be a non-negative integer');
  if (plan.orders !== undefined && (!Number.isInteger(plan.orders) || plan.orders < 2)) throw new Error('--orders must be an integer ≥ 2');
  for (const name of plan.only ?? []) if (!SCENARIO_NAMES.includes(name)) throw new Error(`unknown scenario ${name} (${SCENARIO_NAMES.join(', ')})`);
  return plan;
}

async function main(): Promise<number> {
  let plan: ChaosPlan;
  try {
    plan = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (!isHostBuilt()) {
    process.stderr.write(`error: ${HOST_MAIN} is missing: run npm run build first\n`);
    return 2;
  }
  process.stdout.write(`chaos seed ${plan.seed} (repeat with: npm run chaos -- --seed ${plan.seed}${plan.fast ? ' --fast' : ''})\n`);
  const results: ScenarioResult[] = await runScenarios(plan, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`\n${summaryTable(results)}\n`);
  const json = summaryJson(results);
  process.stdout.write(`${json}\n`);
  return (JSON.parse(json) as { ok: boolean }).ok ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
