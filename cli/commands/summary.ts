/** `m3sync summary`: today's numbers from /api/ops/summary — outcomes per flow, cancellations both ways, and shipments Amazon's own flow reports. */
import type { Command } from 'commander';
import { z } from 'zod';
import { printJson } from '../read-input';
import { OpsClient, withConnection, type ConnectionOptions } from '../ops-client';
import { printTable } from '../output-table';

const SummarySchema = z.object({
  summary: z.object({
    day: z.string(),
    flows: z.array(z.object({ flow: z.string(), successes: z.number(), failures: z.number(), parked: z.number(), outcomes: z.record(z.number()) }).passthrough()),
    lifecycle: z.object({
      buyerCanceled: z.number(), cancelTooLate: z.number(), amazonCanceledLines: z.number(), m3Canceled: z.number(), partialCancelParked: z.number(), reportedByAmazon: z.number(),
    }),
    openParked: z.number(),
  }).passthrough(),
});

const LIFECYCLE_LABELS: Array<[keyof z.infer<typeof SummarySchema>['summary']['lifecycle'], string]> = [
  ['buyerCanceled', 'buyer cancellations honored (M3 stopped, Amazon told)'],
  ['cancelTooLate', 'buyer cancellations too late (parked CANCEL_REQUEST_TOO_LATE)'],
  ['amazonCanceledLines', 'M3 lines closed because Amazon canceled the item'],
  ['m3Canceled', 'orders canceled in M3, canceled on Amazon (NoInventory)'],
  ['partialCancelParked', 'lines canceled in M3 while the rest ships (parked PARTIAL_CANCEL_NEEDS_ADJUSTMENT)'],
  ['reportedByAmazon', "shipments reported by Amazon's own flow (Ship+, Easy Ship, pickup, FBA): not sent"],
];

export function registerSummary(program: Command): void {
  withConnection(program.command('summary').description("today's outcomes per flow, cancellations both ways, and shipments Amazon's own flow reports"))
    .action(async (opts: ConnectionOptions & { json?: boolean }) => {
      const { summary } = await new OpsClient(opts).get('ops/summary', SummarySchema);
      if (opts.json) return printJson(summary);
      process.stdout.write(`today (${summary.day}, UTC); open parked items: ${summary.openParked}\n`);
      printTable(summary.flows, [
        { header: 'flow', value: (f) => f.flow, max: 26 }, { header: 'done', value: (f) => f.successes }, { header: 'failed', value: (f) => f.failures },
        { header: 'parked', value: (f) => f.parked }, { header: 'outcomes', value: (f) => Object.entries(f.outcomes).map(([k, v]) => `${k}=${v}`).join(' '), max: 80 },
      ], 'no flow ran today');
      process.stdout.write('\n');
      printTable(LIFECYCLE_LABELS.map(([key, label]) => ({ label, count: summary.lifecycle[key] })), [
        { header: 'after the order is in M3', value: (r) => r.label, max: 90 }, { header: 'count', value: (r) => r.count },
      ], '');
    });
}
