/**
 * `npm run bench -- <scenario> [options]` (docs/contracts.md, Benchmarks and the chaos suite): runs one benchmark, prints a table, then the result as
 * one JSON object on the last line. Exits 1 when the result is wrong (orders lost or duplicated), 2 on bad arguments.
 */
import { Command, InvalidArgumentError } from 'commander';
import { runBodParseBench } from './bod-parse';
import { MEMORY_CASES, measureBodMemory } from './bod-memory';
import { runInventoryBench } from './inventory-build';
import { runPricesBench } from './prices-build';
import { runIntakeBench } from './intake';
import { runOrderBurstBench } from './order-burst';
import { resultTable } from './bench-table';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function report(title: string, result: Record<string, unknown>, notes: Record<string, string> = {}): void {
  process.stdout.write(`${resultTable(title, result, notes)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function benchProgram(): Command {
  const program = new Command('bench').description('m3sync benchmarks: a table, then one JSON line');
  program.command('order-burst')
    .description('N orders appear at Amazon at once; drain time against the getOrder rate-limit floor')
    .option('--orders <n>', 'orders', positiveInt, 2000)
    .option('--time-scale <x>', 'simulated seconds per real second', positive, 100)
    .option('--seed <n>', 'order generator seed', positiveInt, 10)
    .action(async (o: { orders: number; timeScale: number; seed: number }) => {
      const result = await runOrderBurstBench({ orders: o.orders, timeScale: o.timeScale, seed: o.seed, progress: (line) => process.stderr.write(`${line}\n`) });
      report('order-burst', { ...result }, { drainSeconds: 'simulated', floorSeconds: '(N − burst) / rate', ratio: 'target ≤ 0.10 (pages)', getOrderFloorSeconds: '(N − burst) / getOrder rate', amazonCallsPerOrder: 'target ≤ 0.05', m3RoundTripsPerOrder: 'target ≤ 3 (4 with custom fields)', ordersPerSecond: 'real seconds' });
      if (result.lost > 0 || result.duplicates > 0) {
        process.stderr.write(`error: order-burst lost ${result.lost} and duplicated ${result.duplicates} orders\n`);
        process.exitCode = 1;
      }
    });
  program.command('inventory')
    .description('balances for N SKUs → deltas → JSON_LISTINGS_FEED documents')
    .option('--skus <n>', 'SKUs', positiveInt, 100000)
    .action(async (o: { skus: number }) => {
      const result = await runInventoryBench({ skus: o.skus });
      report('inventory', { ...result }, { changed: 'SKUs sent (differ from the last accepted feed)', feeds: 'target ≤ 4 per 100,000', buildCpuSeconds: 'target ≤ 2', peakRssMb: 'target ≤ 300' });
      if (result.messages <= 0 || result.feeds <= 0) {
        process.stderr.write('error: inventory built no feed\n');
        process.exitCode = 1;
      }
    });
  program.command('prices')
    .description('N SKUs with changed quantities and prices → one JSON_LISTINGS_FEED message per SKU carrying both')
    .option('--skus <n>', 'SKUs', positiveInt, 100000)
    .action(async (o: { skus: number }) => {
      const result = await runPricesBench({ skus: o.skus });
      report('prices', { ...result }, { feeds: 'target ≤ 4 per 100,000 (one region)', buildCpuSeconds: 'target ≤ 2', peakRssMb: 'target ≤ 300' });
      if (result.messages <= 0 || result.pricesSent <= 0) {
        process.stderr.write('error: prices built no feed\n');
        process.exitCode = 1;
      }
    });
  program.command('bod-parse')
    .description('BOD bytes → canonical JSON against bare fast-xml-parser')
    .option('--documents <n>', 'documents', positiveInt, 200)
    .option('--lines <n>', 'lines per document', positiveInt, 20)
    .action(async (o: { documents: number; lines: number }) => {
      const result = await runBodParseBench({ documents: o.documents, linesPerDocument: o.lines });
      report('bod-parse', { ...result }, { ratio: 'target ≥ 0.6' });
    });
  program.command('bod-memory')
    .description(`peak memory growth of the BOD reader on one 10 MB hostile document (${Object.keys(MEMORY_CASES).join(', ')}); one case per process`)
    .option('--case <name>', 'the hostile shape', 'empty-elements')
    .action((o: { case: string }) => {
      const result = measureBodMemory(o.case);
      report('bod-memory', { ...result }, { ratio: 'target ≤ 10 (peak growth / input)' });
      if (result.ratio > 10) {
        process.stderr.write(`error: ${o.case} grew the peak by ${result.ratio}× its size\n`);
        process.exitCode = 1;
      }
    });
  program.command('intake')
    .description('ORDER_CHANGE notifications into POST /api/amazon/notifications')
    .option('--requests <n>', 'requests', positiveInt, 1000)
    .option('--concurrency <n>', 'requests in flight', positiveInt, 16)
    .action(async (o: { requests: number; concurrency: number }) => {
      const result = await runIntakeBench({ requests: o.requests, concurrency: o.concurrency });
      report('intake', { ...result });
      if (result.lost > 0) {
        process.stderr.write(`error: intake lost ${result.lost} notifications\n`);
        process.exitCode = 1;
      }
    });
  return program;
}

if (require.main === module) {
  benchProgram()
    .exitOverride((error) => { process.exit(error.exitCode === 0 ? 0 : 2); })
    .parseAsync(process.argv)
    .then(() => { process.exit(process.exitCode ?? 0); })
    .catch((error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
