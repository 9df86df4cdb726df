/**
 * Executes a `create` plan against M3 exactly once, under the order's single-writer lease
 * (connectors/storage/order-lease-store.ts): whatever started this attempt, no other writer touches M3 for this order
 * meanwhile. Look the order up by link and by CUOR first, record the temporary order number before adding lines, mark
 * the batch order before Confirm, confirm, and only then save the link. Every link write is conditional (ETag).
 *
 * Fewest round trips, through the MI bulk endpoint (one program per request, transactions run in order, each
 * answered on its own — a failed one does not stop the rest):
 *   1. OIS100MI [SearchHead CUOR, AddBatchHead]         look-up and head together (a verified hit drops the unused head)
 *   2. OIS100MI [AddBatchLine×n, AddBatchHeadChg, AddBatchAddress, …]   everything that needs only the temporary ORNO
 *   3. OIS100MI [AddBatchLineChg×k, Confirm]            each line's charges need the PONR step 2 returned for it
 *   4. CUSEXTMI [AddFieldValue…]                         only when the mapping has custom fields (they need the real ORNO)
 * Confirm is only sent when every call of step 2 succeeded, so a refused line never yields a partial customer order.
 * A line charge refused in step 3 cannot stop the Confirm that follows it in the same request: that order is kept
 * (it is complete but for the charge) and parked as `M3_CHARGE_REFUSED` so an operator adds the charge in M3.
 * An attempt that finds a batch order of an earlier one continues from it (batch-recovery.ts): look, never delete.
 */
import type { M3Call } from '../../core/orders/order-plan';
import { batchEntries, toMiCalls, type PlannedCreate, type PlannedLine, type StructuredOrderPlan } from '../../core/orders/structured-order-plan';
import { PermanentError, TransientError } from '../../core/errors';
import type { BulkCall, BulkOutcome } from '../../connectors/m3';
import { ois100mi, redactPersonalData } from '../../connectors/m3';
import type { LinkLine } from '../../connectors/storage';
import type { OrderPorts } from './order-ports';
import { cuorCandidates } from './m3-order-adapter';
import { LinkWriter, type OrderIds } from './link-writer';
import { withCustomer, type CustomerContext } from './buyer-customer';
import type { SkuLine, WriteContext, WriteResult } from './write-context';
import { adopt, finishCreated, finishCustomFields, removeBatch, resumeBatch, sendConfirm, recordRefused } from './batch-recovery';

export async function writeM3Order(ids: OrderIds, plan: StructuredOrderPlan, skuLines: SkuLine[], ports: OrderPorts): Promise<WriteResult> {
  const create = plan.create;
  if (!create) throw new PermanentError('create plan without calls', { code: 'PLAN_INVALID', system: 'm3sync' });
  const known = await ports.links.get(ids.sellerId, ids.amazonOrderId);
  if (known?.status === 'created' && !known.customFieldsPending) return { kind: 'exists', m3OrderNumber: known.m3OrderNumber, lines: known.lines.length };
  // Taken before the first M3 write; another owner's lease is ORDER_LEASE_HELD (transient): this attempt retries later.
  const lease = await ports.leases.acquire(ids.sellerId, ids.amazonOrderId);
  // M3 may echo any buyer value in any message (LstErrMsgOrder, a NOK on another call): none reaches a parked item,
  // durable history or a log, whatever case or spacing M3 wrote it in.
  const personal = toMiCalls(plan).map((c) => c.params);
  try {
    const result = await writeUnderLease(ids, create, skuLines, ports, lease);
    return result.kind === 'rejected' ? { ...result, message: redactPersonalData(result.message, ...personal) } : result;
  } catch (error) {
    if (error instanceof Error) error.message = redactPersonalData(error.message, ...personal);
    throw error;
  } finally {
    // Best effort: a lease left behind expires; the owner itself may take it again at once.
    await lease.release().catch(() => undefined);
  }
}

async function writeUnderLease(ids: OrderIds, create: PlannedCreate, skuLines: SkuLine[], ports: OrderPorts, lease: CustomerContext['lease']): Promise<WriteResult> {
  const bulk = ports.m3.executeBulk;
  const link = await LinkWriter.open(ports.links, ids);
  const base: CustomerContext = { ids, ports, bulk, lease, link };
  const current = link.current;
  if (current?.status === 'created') {
    const ctx: WriteContext = { ...base, create, skuLines, customer: '', createdCustomer: current.customerNumber };
    return current.customFieldsPending ? finishCustomFields(ctx, 'exists') : { kind: 'exists', m3OrderNumber: current.m3OrderNumber, lines: current.lines.length };
  }
  const head = await withCustomer(base, create.head, create.customer);
  const customer = head.params.CUNO ?? '';
  const ctx: WriteContext = { ...base, create, skuLines, customer, createdCustomer: create.head.params.CUNO ? '' : customer };
  const prior = link.current;
  if (prior?.tempOrderNumber && (prior.status === 'creating' || prior.status === 'failed')) {
    const resumed = await resumeBatch(ctx, prior);
    if (resumed) return resumed;
  }
  return createBatch(ctx, head);
}

/** A new batch order: only reached when no order with this CUOR exists and no earlier batch order can still confirm. */
async function createBatch(ctx: WriteContext, head: M3Call): Promise<WriteResult> {
  const { ids, create, ports, bulk, lease, link } = ctx;
  // Round trip 1: the CUOR look-up, then the head. The head is only a batch (temporary) order: nothing is created in
  // M3 until Confirm, so opening it before knowing the look-up's answer is safe; a verified hit just drops it again.
  await lease.renew();
  const [search, opened] = await bulk(ois100mi.PROGRAM, [
    { transaction: 'SearchHead', params: { SQRY: ois100mi.cuorSearchQuery(ids.amazonOrderId) } },
    { transaction: head.transaction, params: head.params },
  ]);
  const temporary = opened?.ok ? opened.records[0]?.ORNO?.trim() ?? '' : '';
  // The head just opened never saw a Confirm: dropping it cannot lose or duplicate an order.
  const dropUnconfirmed = async (): Promise<void> => { if (temporary) await ois100mi.delBatchHead(ports.m3, temporary).catch(() => undefined); };
  if (!search?.ok) {
    await dropUnconfirmed();
    throw search?.error ?? new TransientError('M3 answered no SearchHead result', { code: 'BULK_MISMATCH', system: 'm3' });
  }
  const candidates = cuorCandidates(search.records, ctx.customer);
  const found = candidates.length > 0 ? await ports.m3.verifyCuor(candidates, ids.amazonOrderId, ctx.customer) : undefined;
  if (found) {
    await dropUnconfirmed();
    return adopt(ctx, '', found.orderNumber, link.current?.lines ?? []);
  }
  if (opened && !opened.ok) throw opened.error;
  if (!temporary) throw new PermanentError('AddBatchHead returned no temporary order number', { code: 'M3_NO_ORNO', system: 'm3' });
  try {
    await link.update(ids, { status: 'creating', tempOrderNumber: temporary, batchPhase: 'lines', pendingCharges: [], lines: [], m3OrderNumber: '', customerNumber: ctx.createdCustomer });
  } catch (error) {
    await dropUnconfirmed(); // another writer changed the link meanwhile: this head is not linked, so it must not stay
    throw error;
  }

  // Round trip 2: lines, head charges, address, texts — every call that needs only the temporary order number.
  await lease.renew();
  const entries = batchEntries(create);
  const body = [...entries.map((e) => (e.line === undefined ? e.headCharge.call : e.line.line)), ...(create.address === undefined ? [] : [create.address])];
  const bodyOutcomes = await bulk(ois100mi.PROGRAM, body.map((c) => bulkCall(c, { ...c.params, ORNO: temporary })));
  const refused = firstRefusal(body, bodyOutcomes);
  if (refused) {
    // M3 refused the data before any Confirm: remove the half-built batch order explicitly so a re-drive starts clean.
    await removeBatch(ctx, temporary);
    await link.update(ids, { status: 'failed' });
    return { kind: 'rejected', reason: 'M3_REJECTED', message: refused };
  }
  const positions = new Map<PlannedLine, { PONR: string; POSX: string }>();
  const lines: LinkLine[] = [];
  entries.forEach((entry, i) => {
    const outcome = bodyOutcomes[i];
    const planned = entry.line;
    if (planned === undefined || !outcome?.ok) return;
    const record = outcome.records[0] ?? {};
    positions.set(planned, { PONR: record.PONR?.trim() ?? '', POSX: record.POSX?.trim() ?? '' });
    const amazonLine = planned.position === undefined ? undefined : ctx.skuLines[planned.position - 1];
    if (amazonLine) lines.push({ ...amazonLine, itemNumber: planned.line.params.ITNO ?? '', lineNumber: toLineNumber(record.PONR) });
  });

  // Round trip 3: each line's charges, on the position M3 gave that line, and Confirm.
  const charges = lineCharges(create.lines, positions, temporary);
  const sent = await sendConfirm(ctx, temporary, lines, charges.map((c) => c.call));
  if (sent.kind === 'refused') return recordRefused(ctx, temporary, lines, sent);
  const chargeRefusal = sent.chargeOutcomes.length === charges.length ? firstRefusal(charges.map((c) => c.source), sent.chargeOutcomes) : undefined;
  return finishCreated(ctx, temporary, sent.orderNumber, lines, chargeRefusal);
}

function bulkCall(call: M3Call, params: Record<string, string>): BulkCall {
  return { transaction: call.transaction, params };
}

/** The first refused call as an operator-readable message; outages inside a bulk are thrown (the activity retries). */
export function firstRefusal(calls: M3Call[], outcomes: BulkOutcome[]): string | undefined {
  for (let i = 0; i < calls.length; i += 1) {
    const outcome = outcomes[i];
    if (!outcome) throw new TransientError(`M3 answered ${outcomes.length} results for ${calls.length} calls`, { code: 'BULK_MISMATCH', system: 'm3' });
    if (outcome.ok) continue;
    if (!(outcome.error instanceof PermanentError)) throw outcome.error;
    return `M3 refused ${calls[i]!.transaction}: ${outcome.error.message}`;
  }
  return undefined;
}

/** Each line's charges with the temporary order number and the position M3 gave that line. */
function lineCharges(lines: readonly PlannedLine[], positions: Map<PlannedLine, { PONR: string; POSX: string }>, temporary: string): { source: M3Call; call: BulkCall }[] {
  return lines.flatMap((line) => line.charges.map((charge) => {
    const position = positions.get(line);
    const params: Record<string, string> = { ...charge.params, ORNO: temporary };
    if (position?.PONR) params.PONR = position.PONR;
    if (position?.POSX) params.POSX = position.POSX;
    return { source: charge, call: { transaction: charge.transaction, params } };
  }));
}

function toLineNumber(value: string | undefined): number | undefined {
  const n = Number(value?.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
