/**
 * Books one Amazon refund in M3 as the credit the mapping chooses (a credit order naming the original invoice),
 * exactly once per refund (Finances transaction id): ledger claim → original order and invoice → plan → batch order
 * head, lines, Confirm, with the ledger's phase written before each M3 write. Parks with a clear reason when the
 * order is not in M3 (or not invoiced yet), the mapping has no rule, or M3 refuses the credit; a re-drive books it.
 */
import Decimal from 'decimal.js';
import { PermanentError } from '../../core/errors';
import { creditOwner, planCredit, skusCreditedByReturns, type CreditPlan, type Refund } from '../../core/returns';
import type { LedgerEntry, LedgerVersion } from '../../connectors/storage';
import { ois100mi } from '../../connectors/m3';
import { lookUpOrderInvoices } from '../settlement-posting/order-invoices';
import { advanceLedger, claimLedger } from './ledger-claim';
import { REFUND_FLOW } from './names';
import type { BookingOutcome, BookingPorts } from './returns-ports';

export async function bookRefund(ports: BookingPorts, sellerId: string, refund: Refund, redrive = false): Promise<BookingOutcome> {
  const fresh: LedgerEntry = {
    kind: 'refund', id: refund.adjustmentId, sellerId, amazonOrderId: refund.amazonOrderId, marketplaceId: refund.marketplaceId, status: 'booking', phase: 'start',
    m3Reference: '', m3Number: '', m3OrderNumber: '', invoice: '', amount: refund.items.reduce((s, i) => s.plus(i.amount), new Decimal(0)).toFixed(2), currency: refund.currency,
    skus: refund.items.map((i) => i.sku), amazonDate: refund.postedDate, updatedAt: '', note: '',
  };
  const claim = await claimLedger(ports, fresh, redrive);
  if (claim.kind === 'duplicate' || claim.kind === 'busy') return { kind: 'duplicate' };
  if (claim.kind === 'unknown-outcome') {
    return park(ports, claim.version, sellerId, refund, 'unknown-outcome', `the credit for refund ${refund.adjustmentId} was being written to M3 when the run stopped (batch order ${claim.version.entry.m3Reference || 'number not recorded'}, reference ${refund.adjustmentId} in YREF): check M3 and resolve this item; it is not written again`, false);
  }
  let version = claim.version;
  const link = await ports.links.get(sellerId, refund.amazonOrderId);
  const invoices = await lookUpOrderInvoices([refund.amazonOrderId], ports.m3, ports.links, sellerId, ports.mappings.settlement);
  const invoice = invoices.get(refund.amazonOrderId);
  if (!link || !invoice || invoice.kind === 'not-in-m3') return park(ports, version, sellerId, refund, 'order-not-in-m3', `Amazon order ${refund.amazonOrderId} of refund ${refund.adjustmentId} is not in M3 (no order link); re-drive once the order is there`);
  if (invoice.kind === 'uninvoiced') return park(ports, version, sellerId, refund, 'order-not-invoiced', `M3 order ${invoice.ORNO} of refund ${refund.adjustmentId} has no invoice to credit yet; re-drive once it is invoiced`);
  const lines = link.lines.map((l) => ({ sku: l.sku, itemNumber: l.itemNumber, quantity: l.quantity }));
  // The credit goes through the warehouse and facility the marketplace's orders use.
  const market = ports.mappings.marketplaces[refund.marketplaceId || link.marketplaceId];
  const original = { ORNO: invoice.ORNO, CUNO: invoice.CUNO, CINO: invoice.CINO, INYR: invoice.INYR, ...(market ? { WHLO: market.warehouse, FACI: market.facility } : {}) };
  // One credit per refunded SKU: claim it before anything is written; a return that claimed it first credits it.
  const owners = new Map<string, string>();
  if (ports.mappings.returns.refunds.skipWhenReturned) {
    for (const sku of new Set(refund.items.map((i) => i.sku))) owners.set(sku, await ports.ledger.claimCredit(refund.amazonOrderId, sku, creditOwner('refund', refund.adjustmentId)));
  }
  const creditedByReturns = skusCreditedByReturns(ports.mappings.returns, owners, await ports.ledger.returnedSkus(refund.amazonOrderId));
  const decision = planCredit(refund, lines, original, ports.mappings.returns, creditedByReturns);
  if (decision.kind === 'skip') {
    await advanceLedger(ports, version, { status: 'skipped', phase: 'done', m3OrderNumber: invoice.ORNO, note: decision.why });
    return { kind: 'skipped', why: decision.why };
  }
  if (decision.kind === 'park') return park(ports, version, sellerId, refund, decision.reason, decision.message);
  version = await advanceLedger(ports, version, { m3OrderNumber: invoice.ORNO, invoice: `${invoice.CINO}/${invoice.INYR}`, phase: 'head' });
  return writeCredit(ports, version, sellerId, refund, decision.plan);
}

async function writeCredit(ports: BookingPorts, start: LedgerVersion, sellerId: string, refund: Refund, plan: CreditPlan): Promise<BookingOutcome> {
  let version = start;
  let temp: string;
  try {
    const head = await ports.m3.execute('OIS100MI', 'AddBatchHead', { ...plan.head });
    temp = head[0]?.ORNO ?? '';
    if (!temp) throw new PermanentError('M3 answered AddBatchHead without a batch order number', { code: 'NO_BATCH_NUMBER', system: 'm3' });
  } catch (error) {
    // Refused: nothing was created, so the credit may be tried again after a fix.
    if (error instanceof PermanentError) return park(ports, version, sellerId, refund, 'm3-refused', `M3 refused the credit order head for refund ${refund.adjustmentId}: ${error.message}`);
    throw error;
  }
  version = await advanceLedger(ports, version, { m3Reference: temp });
  try {
    for (const line of plan.lines) {
      await ports.m3.execute('OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: line.ITNO, ORQT: line.ORQT, SAPR: line.SAPR, ...(plan.head.WHLO ? { WHLO: plan.head.WHLO } : {}), ...(plan.reasonCode ? { RSCD: plan.reasonCode } : {}) });
    }
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    // Confirm was never sent: the batch order can only stay unconfirmed, so removing it is safe.
    await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: temp }).catch(() => []);
    return park(ports, version, sellerId, refund, 'm3-refused', `M3 refused a credit line for refund ${refund.adjustmentId}: ${error.message}`);
  }
  version = await advanceLedger(ports, version, { phase: 'confirm' });
  const confirmed = (await ports.m3.execute('OIS100MI', 'Confirm', { ORNO: temp }))[0] ?? {};
  if (confirmed.STAT !== ois100mi.BATCH_ORDER_CREATED || !confirmed.ORNO || confirmed.ORNO === temp) {
    const messages = (await ports.m3.execute('OIS100MI', 'LstErrMsgOrder', { ORNO: temp }).catch(() => [])).map((m) => m.TX60 || m.MSID || '').filter(Boolean).slice(0, 5);
    return park(ports, version, sellerId, refund, 'm3-refused', `M3 did not create the credit order for refund ${refund.adjustmentId} (batch order ${temp}, status ${confirmed.STAT ?? 'unknown'}${messages.length ? `: ${messages.join('; ')}` : ''}); fix it in OIS275 or resolve this item`, false);
  }
  // Recorded before the ledger row is closed, so settlement posting finds every credit order that exists.
  await ports.ledger.markCredited(refund.amazonOrderId, { refundId: refund.adjustmentId, creditOrder: confirmed.ORNO, amount: plan.amount, currency: refund.currency });
  await advanceLedger(ports, version, { status: 'booked', phase: 'done', m3Number: confirmed.ORNO });
  await ports.parked.setStatus(REFUND_FLOW, refund.adjustmentId, 'resolved', `credited as M3 order ${confirmed.ORNO}`).catch(() => undefined);
  return { kind: 'booked', m3Number: confirmed.ORNO };
}

/** Parks the refund; `retryable` resets the phase so a re-drive books it from the start (nothing was created in M3). */
async function park(ports: BookingPorts, version: LedgerVersion, sellerId: string, refund: Refund, reason: string, message: string, retryable = true): Promise<BookingOutcome> {
  await ports.parked.park({
    flow: REFUND_FLOW, id: refund.adjustmentId, reason, message, sourceRef: `amazon-refund:${sellerId}:${refund.adjustmentId}`,
    source: { sellerId, refund }, details: { sellerId, amazonOrderId: refund.amazonOrderId },
  });
  await advanceLedger(ports, version, { status: 'parked', note: message, ...(retryable ? { phase: 'start' as const } : {}) });
  return { kind: 'parked', reason };
}
