/**
 * `refund-sweep` (hourly): reads new Finances transactions per seller × region (listTransactions, through the rate
 * governor) from a postedAfter cursor in Table Storage and books each refund as an M3 credit (refund-booking.ts),
 * then books the refunds an operator re-drove. Amazon may post events up to 48 hours late, so every sweep reads
 * back 48 hours before its cursor; the ledger makes the overlap harmless. The cursor moves only after every page.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { ListTransactionsQuery, ListTransactionsResponse } from '../../connectors/amazon';
import type { ParkedItem } from '../../connectors/storage';
import { FinanceTransactionSchema, refundOf, type Refund } from '../../core/returns';
import { dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { bookRefund } from './refund-booking';
import { REFUND_CURSOR_PREFIX, REFUND_FLOW, REFUND_SWEEP } from './names';
import { bookingPorts } from './returns-dependencies';
import type { BookingOutcome, BookingPorts } from './returns-ports';

/** Amazon: the window must end more than two minutes before the request. */
const SETTLE_MS = 3 * 60 * 1000;
const LATE_POSTING_MS = 48 * 3600 * 1000;
/** First run: refunds of the last 30 days. */
const FIRST_LOOKBACK_MS = 30 * 86_400_000;

export interface RefundSweepPorts {
  sellers: { sellerId: string; region: string; marketplaceIds: string[] }[];
  listTransactions(sellerId: string, marketplaceId: string | undefined, query: ListTransactionsQuery): Promise<ListTransactionsResponse>;
  cursors: { get(name: string): Promise<{ value: string } | undefined>; advance(name: string, value: string): Promise<boolean> };
  redriven(flow: string): Promise<ParkedItem[]>;
  booking: () => Promise<BookingPorts>;
  isPaused(flow: string): boolean;
  /** Today's outcomes for the ops summary (booked, parked, skipped, waiting). */
  counters?: { increment(flow: string, outcome: string): Promise<void> };
  now(): number;
}

export interface RefundSweepResult { read: number; refunds: number; booked: number; parked: number; duplicates: number; skipped: number; redriven: number; paused: boolean; disabled: boolean }

export function refundCursorName(sellerId: string, region: string): string {
  return `${REFUND_CURSOR_PREFIX}:${sellerId}:${region}`;
}

function count(result: RefundSweepResult, outcome: BookingOutcome): void {
  if (outcome.kind === 'booked') result.booked += 1;
  else if (outcome.kind === 'parked') result.parked += 1;
  else if (outcome.kind === 'duplicate') result.duplicates += 1;
  else result.skipped += 1;
}

async function tally(ports: { counters?: { increment(flow: string, outcome: string): Promise<void> } }, result: Parameters<typeof count>[0], outcome: BookingOutcome): Promise<void> {
  count(result, outcome);
  if (outcome.kind !== 'duplicate') await ports.counters?.increment(REFUND_FLOW, outcome.kind);
}

export async function sweepRefunds(ports: RefundSweepPorts, log: LogSink): Promise<RefundSweepResult> {
  const result: RefundSweepResult = { read: 0, refunds: 0, booked: 0, parked: 0, duplicates: 0, skipped: 0, redriven: 0, paused: false, disabled: false };
  if (ports.isPaused(REFUND_FLOW)) return { ...result, paused: true };
  const booking = await ports.booking();
  if (!booking.mappings.returns.enabled) return { ...result, disabled: true };
  const until = new Date(ports.now() - SETTLE_MS).toISOString();
  for (const seller of ports.sellers) {
    const cursorName = refundCursorName(seller.sellerId, seller.region);
    const cursor = (await ports.cursors.get(cursorName))?.value;
    const from = cursor ? new Date(Date.parse(cursor) - LATE_POSTING_MS).toISOString() : new Date(ports.now() - FIRST_LOOKBACK_MS).toISOString();
    if (from >= until) continue;
    const base: ListTransactionsQuery = { postedAfter: from, postedBefore: until };
    let nextToken: string | undefined;
    do {
      const page = await ports.listTransactions(seller.sellerId, seller.marketplaceIds[0], nextToken ? { ...base, nextToken } : base);
      for (const raw of page.payload.transactions) {
        result.read += 1;
        const parsed = FinanceTransactionSchema.safeParse(raw);
        if (!parsed.success) { logEvent(log, 'warn', 'refund.unreadable-transaction', { flow: REFUND_FLOW }); continue; }
        const refund = refundOf(parsed.data);
        if (!refund || !isRefund(refund, booking)) continue;
        result.refunds += 1;
        await tally(ports, result, await bookRefund(booking, seller.sellerId, refund));
      }
      nextToken = page.payload.nextToken;
    } while (nextToken);
    await ports.cursors.advance(cursorName, until);
  }
  for (const item of await ports.redriven(REFUND_FLOW)) {
    const source = item.source as { sellerId?: string; refund?: Refund } | undefined;
    if (!source?.sellerId || !source.refund) continue;
    result.redriven += 1;
    await tally(ports, result, await bookRefund(booking, source.sellerId, source.refund, true));
  }
  logEvent(log, 'info', 'refund.swept', { flow: REFUND_FLOW, read: result.read, refunds: result.refunds, booked: result.booked, parked: result.parked, duplicates: result.duplicates });
  return result;
}

/** Only what a rule could cover is a refund here: the types the mapping names (others are sales, fees, transfers). */
function isRefund(refund: Refund, booking: BookingPorts): boolean {
  const types = new Set(booking.mappings.returns.refunds.rules.map((r) => r.transactionType));
  return types.has(refund.transactionType) || refund.transactionType === 'Refund';
}

export async function runRefundSweep(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = dependencies();
  await deps.switches.refresh();
  await sweepRefunds({
    sellers: deps.sellers,
    listTransactions: (sellerId, marketplaceId, query) => deps.amazon.forSeller(sellerId, marketplaceId).listTransactions(query),
    cursors: deps.cursors,
    redriven: (flow) => deps.parked.list({ flow, status: 'redriven' }),
    booking: () => bookingPorts(deps),
    isPaused: (flow) => deps.switches.isPaused(flow),
    counters: deps.counters,
    now: () => Date.now(),
  }, context);
}

// Hourly: refunds are not urgent in M3, and listTransactions allows one call every two seconds.
app.timer(REFUND_SWEEP, { schedule: '0 15 * * * *', handler: runRefundSweep });
