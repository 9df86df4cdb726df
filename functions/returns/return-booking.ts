/**
 * Books one physical return (merchant returns report, one Amazon RMA id) in M3 as one OIS390 customer return against
 * the original order, exactly once per RMA id: ledger claim → order link (M3 order and its line numbers) → plan
 * (warehouse, location, reason from the mapping) → AddHead, then AddLine per item, the ledger's phase written before.
 * OIS390MI has no delete: a line M3 refuses leaves the return head for an operator (parked, not written again).
 */
import { PermanentError } from '../../core/errors';
import { creditOwner, planReturn, returnWithoutDoubleCredit, type PhysicalReturn } from '../../core/returns';
import type { LedgerEntry, LedgerVersion } from '../../connectors/storage';
import { advanceLedger, claimLedger } from './ledger-claim';
import { RETURN_FLOW } from './names';
import type { BookingOutcome, BookingPorts } from './returns-ports';

export async function bookReturn(ports: BookingPorts, sellerId: string, marketplaceId: string, ret: PhysicalReturn, redrive = false): Promise<BookingOutcome> {
  const link = await ports.links.get(sellerId, ret.amazonOrderId);
  const orderNumber = link?.status === 'created' ? link.m3OrderNumber : '';
  const decision = orderNumber && link
    ? planReturn(ret, marketplaceId || link.marketplaceId, orderNumber, link.lines.map((l) => ({ sku: l.sku, lineNumber: l.lineNumber })), ports.mappings.returns)
    : undefined;
  // Not arrived yet: nothing is recorded, the next report run looks again.
  if (decision?.kind === 'wait') return { kind: 'waiting', why: decision.why };
  const fresh: LedgerEntry = {
    kind: 'return', id: ret.returnId, sellerId, amazonOrderId: ret.amazonOrderId, marketplaceId, status: 'booking', phase: 'start',
    m3Reference: '', m3Number: '', m3OrderNumber: orderNumber, invoice: '', amount: '', currency: '',
    skus: ret.items.map((i) => i.sku), amazonDate: ret.requestDate, updatedAt: '', note: '',
  };
  const claim = await claimLedger(ports, fresh, redrive);
  if (claim.kind === 'duplicate' || claim.kind === 'busy') return { kind: 'duplicate' };
  if (claim.kind === 'unknown-outcome') {
    return park(ports, claim.version, sellerId, marketplaceId, ret, 'unknown-outcome', `the customer return for Amazon RMA ${ret.returnId} was being written to M3 when the run stopped (receiving number ${claim.version.entry.m3Reference || 'not recorded'}, reference ${ret.returnId} in YREF): check OIS390 and resolve this item`, false);
  }
  let version = claim.version;
  if (!decision) return park(ports, version, sellerId, marketplaceId, ret, 'order-not-in-m3', `Amazon order ${ret.amazonOrderId} of return ${ret.returnId} is not in M3 (no order link); re-drive once the order is there`);
  if (decision.kind === 'park') return park(ports, version, sellerId, marketplaceId, ret, decision.reason, decision.message);
  // One credit per returned SKU: a refund that claimed it first was credited by its credit order, so the return carries the goods only.
  const owners = new Map<string, string>();
  if (ports.mappings.returns.refunds.skipWhenReturned) {
    for (const sku of new Set(decision.plan.lines.map((l) => l.sku))) owners.set(sku, await ports.ledger.claimCredit(ret.amazonOrderId, sku, creditOwner('return', ret.returnId)));
  }
  const { plan, goodsOnly } = returnWithoutDoubleCredit(decision.plan, ports.mappings.returns, owners);
  const note = goodsOnly.length > 0 ? `goods only (sales price 0) for ${goodsOnly.join(', ')}: the refund's credit order credits them; do not credit them again` : '';
  version = await advanceLedger(ports, version, { phase: 'head', note });
  let repn: string;
  try {
    repn = (await ports.m3.execute('OIS390MI', 'AddHead', { ...plan.head }))[0]?.REPN ?? '';
    if (!repn) throw new PermanentError('M3 answered AddHead without a receiving number', { code: 'NO_RECEIVING_NUMBER', system: 'm3' });
  } catch (error) {
    if (error instanceof PermanentError) return park(ports, version, sellerId, marketplaceId, ret, 'm3-refused', `M3 refused the customer return for Amazon RMA ${ret.returnId}: ${error.message}`);
    throw error;
  }
  version = await advanceLedger(ports, version, { m3Reference: repn });
  for (const line of plan.lines) {
    try {
      await ports.m3.execute('OIS390MI', 'AddLine', { WHLO: plan.head.WHLO, REPN: repn, RORL: line.RORL, REQ0: line.REQ0, ...(line.SAPR !== undefined ? { SAPR: line.SAPR } : {}), ...(line.RSCD ? { RSCD: line.RSCD } : {}), ...(line.WHSL ? { WHSL: line.WHSL } : {}) });
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      return park(ports, version, sellerId, marketplaceId, ret, 'm3-refused', `M3 refused the return line of SKU ${line.sku} (Amazon RMA ${ret.returnId}, return ${repn} in warehouse ${plan.head.WHLO}): ${error.message}; finish the return in OIS390 and resolve this item`, false);
    }
  }
  await advanceLedger(ports, version, { status: 'booked', phase: 'done', m3Number: repn });
  await ports.ledger.markReturned(ret.amazonOrderId, ret.items.map((i) => i.sku));
  await ports.parked.setStatus(RETURN_FLOW, ret.returnId, 'resolved', `booked as M3 return ${repn}`).catch(() => undefined);
  return { kind: 'booked', m3Number: repn };
}

async function park(ports: BookingPorts, version: LedgerVersion, sellerId: string, marketplaceId: string, ret: PhysicalReturn, reason: string, message: string, retryable = true): Promise<BookingOutcome> {
  await ports.parked.park({
    flow: RETURN_FLOW, id: ret.returnId, reason, message, sourceRef: `amazon-return:${sellerId}:${ret.returnId}`,
    source: { sellerId, marketplaceId, ret }, details: { sellerId, amazonOrderId: ret.amazonOrderId },
  });
  await advanceLedger(ports, version, { status: 'parked', note: message, ...(retryable ? { phase: 'start' as const } : {}) });
  return { kind: 'parked', reason };
}
