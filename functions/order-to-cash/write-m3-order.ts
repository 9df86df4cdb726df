/**
 * Executes a `create` plan against M3 exactly once (ARCHITECTURE §4.1 step 5): look the order up by link and by CUOR
 * first, record the temporary order number before adding lines, confirm, and only then save the link. A crash anywhere
 * leaves either nothing, an unconfirmed batch order (never a customer order), or a confirmed order found by CUOR.
 *
 * Fewest round trips (issue 10), through the MI bulk endpoint (FACTS §2.4: one program per request, transactions run
 * in order, each answered on its own — a failed one does not stop the rest):
 *   1. OIS100MI [SearchHead CUOR, AddBatchHead]         look-up and head together (a hit deletes the unused head)
 *   2. OIS100MI [AddBatchLine×n, AddBatchHeadChg, AddBatchAddress, …]   everything that needs only the temporary ORNO
 *   3. OIS100MI [AddBatchLineChg×k, Confirm]            line charges need the PONR that step 2 returned
 *   4. CUSEXTMI [AddFieldValue…]                         only when the mapping has custom fields (they need the real ORNO)
 * Confirm is only sent when every call of step 2 succeeded, so a refused line never yields a partial customer order.
 * A line charge refused in step 3 cannot stop the Confirm that follows it in the same request: that order is kept
 * (it is complete but for the charge) and parked as `M3_CHARGE_REFUSED` so an operator adds the charge in M3.
 */
import type { OrderPlan, M3Call } from '../../core/orders/order-plan';
import { PermanentError, TransientError } from '../../core/errors';
import type { BulkCall, BulkOutcome } from '../../connectors/m3/m3-client';
import type { LinkLine, OrderLink } from '../../connectors/storage';
import type { OrderPorts } from './order-ports';
import { ORDER_FLOW } from './names';
import { buyerIdentity } from '../../core/orders/buyer-customer-number';
import { cuorQuery, hasBulk, matchCuor, sequentialBulk, type BulkExecutor } from './m3-order-adapter';

export type WriteResult =
  | { kind: 'created' | 'exists'; m3OrderNumber: string; lines: number }
  | { kind: 'rejected'; reason: string; message: string };

/** Batch order status 90 = "customer order created" (research/m3/FACTS.md §3.2). */
const BATCH_CREATED = '90';

type Ids = { sellerId: string; amazonOrderId: string; marketplaceId: string; fulfilledBy?: OrderLink['fulfilledBy']; programs?: string[] };

export async function writeM3Order(ids: Ids, plan: OrderPlan, skuLines: { orderItemId: string; sku: string; quantity: number }[], ports: OrderPorts): Promise<WriteResult> {
  const planned = plan.calls.find((c) => c.transaction === 'AddBatchHead');
  if (!planned) throw new PermanentError('create plan without AddBatchHead', { code: 'PLAN_INVALID', system: 'm3sync' });
  const bulk: BulkExecutor = hasBulk(ports.m3) ? ports.m3.executeBulk : sequentialBulk((p, t, params) => ports.m3.execute(p, t, params));
  let link = await ports.links.get(ids.sellerId, ids.amazonOrderId);
  if (link?.status === 'created') {
    if (link.customFieldsPending) return finishCustomFields(link, plan, ports, 'exists');
    return { kind: 'exists', m3OrderNumber: link.m3OrderNumber, lines: link.lines.length };
  }
  const head = await withCustomer(ids, plan, planned, link, ports);
  link = await ports.links.get(ids.sellerId, ids.amazonOrderId);
  const customer = head.params.CUNO ?? '';
  /** Kept on every later link write: the per-buyer customer this order created, if any. */
  const createdCustomer = planned.params.CUNO ? '' : customer;

  if (link?.status === 'creating' && link.tempOrderNumber) {
    // A retry after a crash or a lost reply: the order may be confirmed already (found by CUOR), or the batch order
    // may know its real number (a crash after Confirm but before the link write).
    const found = await ports.m3.findOrderByCuor(ids.amazonOrderId, customer);
    if (found) return adopt(link, found.orderNumber, plan, ports);
    // A batch order M3 no longer knows (NOK) was never confirmed by us; outages (transient) are retried.
    const batch = await ports.m3.batchStatus(link.tempOrderNumber).catch((error: unknown) => {
      if (error instanceof PermanentError) return undefined;
      throw error;
    });
    if (batch?.status === BATCH_CREATED && batch.orderNumber) return adopt(link, batch.orderNumber, plan, ports);
    // An earlier attempt stopped half way: its batch order was never confirmed, so no customer order exists.
    // Remove it (best effort) so OIS275 does not collect orphans, then start clean.
    await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: link.tempOrderNumber }).catch(() => undefined);
  }

  // Round trip 1: the CUOR look-up, then the head. The head is only a batch (temporary) order: nothing is created in
  // M3 until Confirm, so opening it before knowing the look-up's answer is safe; a hit just deletes it again.
  const [search, opened] = await bulk('OIS100MI', [
    { transaction: 'SearchHead', params: { SQRY: cuorQuery(ids.amazonOrderId) } },
    { transaction: head.transaction, params: head.params },
  ]);
  const temporary = opened?.ok ? opened.records[0]?.ORNO?.trim() ?? '' : '';
  if (!search?.ok) {
    if (temporary) await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: temporary }).catch(() => undefined);
    throw search?.error ?? new TransientError('M3 answered no SearchHead result', { code: 'BULK_MISMATCH', system: 'm3' });
  }
  const found = matchCuor(search.records, ids.amazonOrderId, customer);
  if (found) {
    if (temporary) await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: temporary }).catch(() => undefined);
    await ports.links.save(linkOf(ids, 'created', link?.tempOrderNumber ?? '', found.orderNumber, link?.lines ?? [], createdCustomer));
    return { kind: 'exists', m3OrderNumber: found.orderNumber, lines: link?.lines.length ?? 0 };
  }
  if (opened && !opened.ok) throw opened.error;
  if (!temporary) throw new PermanentError('AddBatchHead returned no temporary order number', { code: 'M3_NO_ORNO', system: 'm3' });
  const lines: LinkLine[] = [];
  await ports.links.save(linkOf(ids, 'creating', temporary, '', lines, createdCustomer));

  // Round trip 2: lines, head charges, address, texts — every call that needs only the temporary order number.
  const body = plan.calls.filter((c) => c !== planned && c.program === 'OIS100MI' && c.transaction !== 'Confirm' && c.transaction !== 'AddBatchLineChg');
  const bodyOutcomes = await bulk('OIS100MI', body.map((c) => bulkCall(c, { ...c.params, ORNO: temporary })));
  const refused = firstRefusal(body, bodyOutcomes);
  if (refused) {
    // M3 refused the data: drop the half-built batch order so a re-drive starts clean.
    await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: temporary }).catch(() => undefined);
    await ports.links.save(linkOf(ids, 'failed', temporary, '', lines, createdCustomer));
    return { kind: 'rejected', reason: 'M3_REJECTED', message: refused };
  }
  const positions = new Map<M3Call, { PONR: string; POSX: string }>();
  body.forEach((call, i) => {
    const outcome = bodyOutcomes[i];
    if (call.transaction !== 'AddBatchLine' || !outcome?.ok) return;
    const record = outcome.records[0] ?? {};
    positions.set(call, { PONR: record.PONR?.trim() ?? '', POSX: record.POSX?.trim() ?? '' });
    const position = Number(call.params.CUPO ?? '0');
    const amazonLine = position > 0 ? skuLines[position - 1] : undefined;
    if (amazonLine) lines.push({ ...amazonLine, itemNumber: call.params.ITNO ?? '', lineNumber: toLineNumber(record.PONR) });
  });

  // Round trip 3: line charges (each on the AddBatchLine right before it in the plan) and Confirm.
  const charges = lineCharges(plan.calls, positions, temporary);
  const confirm = plan.calls.find((c) => c.transaction === 'Confirm');
  const finalCalls: BulkCall[] = [...charges.map((c) => c.call), { transaction: 'Confirm', params: { ...(confirm?.params ?? {}), ORNO: temporary } }];
  const finalOutcomes = await bulk('OIS100MI', finalCalls);
  const confirmed = finalOutcomes[finalCalls.length - 1];
  const confirmedRecord = confirmed?.ok ? confirmed.records[0] : undefined;
  const status = confirmedRecord?.STAT?.trim() ?? '';
  const orderNumber = confirmedRecord?.ORNO?.trim() ?? '';
  if (confirmed && !confirmed.ok && !(confirmed.error instanceof PermanentError)) throw confirmed.error;
  if (status !== BATCH_CREATED || !orderNumber) {
    const messages = confirmed && !confirmed.ok ? [confirmed.error.message] : await ports.m3.batchErrors(temporary).catch(() => []);
    await ports.links.save(linkOf(ids, 'failed', temporary, '', lines, createdCustomer));
    return { kind: 'rejected', reason: 'M3_BATCH_REJECTED', message: `M3 kept batch order ${temporary} at status ${status || '?'}: ${messages.join('; ') || 'no message'}` };
  }
  const chargeRefusal = firstRefusal(charges.map((c) => c.source), finalOutcomes.slice(0, charges.length));

  // The order exists in M3 from here on: link it before anything else can fail, so no retry creates it again.
  const custom = plan.calls.filter((c) => c.program === 'CUSEXTMI');
  const created: OrderLink = { ...linkOf(ids, 'created', temporary, orderNumber, lines, createdCustomer), customFieldsPending: custom.length > 0 };
  await ports.links.save(created);
  // Round trip 4 (only with custom fields): they are keyed by the real order number, which Confirm just returned.
  if (custom.length > 0) {
    const outcomes = await bulk('CUSEXTMI', custom.map((c) => bulkCall(c, customFieldParams(c, orderNumber))));
    const failed = outcomes.find((o) => !o.ok);
    // A failure leaves the link marked: the retry (transient) or a re-drive (refused) completes the fields.
    if (failed && !failed.ok) {
      if (!(failed.error instanceof PermanentError)) throw failed.error;
      return { kind: 'rejected', reason: 'M3_CUSTOM_FIELDS_REFUSED', message: `M3 order ${orderNumber} was created but refused its custom fields: ${failed.error.message}; fix the mapping or M3 and re-drive` };
    }
    await ports.links.save({ ...created, customFieldsPending: false });
  }
  if (chargeRefusal) {
    return { kind: 'rejected', reason: 'M3_CHARGE_REFUSED', message: `M3 order ${orderNumber} was created without a line charge: ${chargeRefusal}; add it in M3 (the order is linked, a re-drive will not create it again)` };
  }
  return { kind: 'created', m3OrderNumber: orderNumber, lines: lines.length };
}

function customFieldParams(call: M3Call, orderNumber: string): Record<string, string> {
  return call.params.PK01 === undefined ? { ...call.params, PK01: orderNumber } : call.params;
}

/**
 * Completes custom fields after a failure that followed Confirm: add each record, or change it when an earlier attempt
 * added it already (CUSEXTMI.AddFieldValue refuses an existing key).
 */
async function finishCustomFields(link: OrderLink, plan: OrderPlan, ports: OrderPorts, kind: 'created' | 'exists'): Promise<WriteResult> {
  for (const call of plan.calls.filter((c) => c.program === 'CUSEXTMI')) {
    const params = customFieldParams(call, link.m3OrderNumber);
    try {
      await ports.m3.execute('CUSEXTMI', 'AddFieldValue', params);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      try {
        await ports.m3.execute('CUSEXTMI', 'ChgFieldValue', params);
      } catch (changeError) {
        if (!(changeError instanceof PermanentError)) throw changeError;
        return { kind: 'rejected', reason: 'M3_CUSTOM_FIELDS_REFUSED', message: `M3 order ${link.m3OrderNumber} refused its custom fields: ${changeError.message}; fix the mapping or M3 and re-drive` };
      }
    }
  }
  await ports.links.save({ ...link, customFieldsPending: false });
  return { kind, m3OrderNumber: link.m3OrderNumber, lines: link.lines.length };
}

/** The order exists in M3 already (our earlier attempt confirmed it): link it instead of creating it again. */
async function adopt(link: OrderLink, orderNumber: string, plan: OrderPlan, ports: OrderPorts): Promise<WriteResult> {
  // A crash after Confirm may also have cut off the custom fields: write them (add or change) before calling it done.
  const adopted: OrderLink = { ...link, status: 'created', m3OrderNumber: orderNumber, customFieldsPending: plan.calls.some((c) => c.program === 'CUSEXTMI') };
  await ports.links.save(adopted);
  if (adopted.customFieldsPending) return finishCustomFields(adopted, plan, ports, 'exists');
  return { kind: 'exists', m3OrderNumber: orderNumber, lines: link.lines.length };
}

function bulkCall(call: M3Call, params: Record<string, string>): BulkCall {
  return { transaction: call.transaction, params };
}

/** The first refused call as an operator-readable message; outages inside a bulk are thrown (the activity retries). */
function firstRefusal(calls: M3Call[], outcomes: BulkOutcome[]): string | undefined {
  for (let i = 0; i < calls.length; i += 1) {
    const outcome = outcomes[i];
    if (!outcome) throw new TransientError(`M3 answered ${outcomes.length} results for ${calls.length} calls`, { code: 'BULK_MISMATCH', system: 'm3' });
    if (outcome.ok) continue;
    if (!(outcome.error instanceof PermanentError)) throw outcome.error;
    return `M3 refused ${calls[i]!.transaction}: ${outcome.error.message}`;
  }
  return undefined;
}

/** A line charge belongs to the AddBatchLine right before it (plan executor contract, core/orders/plan-order.ts). */
function lineCharges(calls: M3Call[], positions: Map<M3Call, { PONR: string; POSX: string }>, temporary: string): { source: M3Call; call: BulkCall }[] {
  const charges: { source: M3Call; call: BulkCall }[] = [];
  let last: { PONR: string; POSX: string } | undefined;
  for (const call of calls) {
    if (call.transaction === 'AddBatchLine') last = positions.get(call);
    if (call.transaction !== 'AddBatchLineChg') continue;
    const params: Record<string, string> = { ...call.params, ORNO: temporary };
    if (last?.PONR) params.PONR = last.PONR;
    if (last?.POSX) params.POSX = last.POSX;
    charges.push({ source: call, call: { transaction: call.transaction, params } });
  }
  return charges;
}

function toLineNumber(value: string | undefined): number | undefined {
  const n = Number(value?.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Customer policy per buyer: the plan starts with CRS610MI.Add from the template customer and leaves CUNO off the
 * head. The new customer number is recorded on the link before the head is opened, so a retry reuses it.
 */
async function withCustomer(ids: Ids, plan: OrderPlan, head: M3Call, link: OrderLink | undefined, ports: OrderPorts): Promise<M3Call> {
  if (head.params.CUNO) return head;
  const add = plan.calls.find((c) => c.program === 'CRS610MI' && c.transaction === 'Add');
  if (!add) throw new PermanentError('the order head has no customer and the plan creates none', { code: 'PLAN_INVALID', system: 'm3sync' });
  let customer = link?.customerNumber ?? '';
  if (!customer) {
    customer = await addBuyerCustomer(add, ports);
    await ports.links.save({ ...(link ?? linkOf(ids, 'creating', '', '', [])), customerNumber: customer });
  }
  return { ...head, params: { ...head.params, CUNO: customer } };
}

/**
 * CRS610MI.Add under the number derived from the buyer (core/orders/buyer-customer-number.ts). M3 refuses a number
 * that exists: then this buyer ordered before — or our own earlier attempt created it and crashed before the link
 * write — and the existing customer is used once GetBasicData shows the same identity. Another buyer under that number
 * (a hash collision, or a customer that is not ours) is never merged: this buyer's customer is numbered by M3.
 */
async function addBuyerCustomer(add: M3Call, ports: OrderPorts): Promise<string> {
  const wanted = add.params.CUNO ?? '';
  let refusal: PermanentError;
  try {
    return await addCustomer(add, add.params, ports);
  } catch (error) {
    if (!(error instanceof PermanentError) || !wanted || error.code === 'M3_NO_CUNO') throw error;
    refusal = error;
  }
  let existing: Record<string, string> | undefined;
  try {
    [existing] = await ports.m3.execute('CRS610MI', 'GetBasicData', { ...(add.params.CONO ? { CONO: add.params.CONO } : {}), CUNO: wanted });
  } catch (lookup) {
    if (lookup instanceof PermanentError) throw refusal; // no such customer: the Add was refused for another reason
    throw lookup;
  }
  if (!existing) throw refusal;
  const policy = (await ports.mappings()).customer;
  const match = policy.policy === 'per-buyer' ? policy.match : 'email';
  if (buyerIdentity(existing, match) === buyerIdentity(add.params, match)) return wanted;
  await ports.counters.increment(ORDER_FLOW, 'customer-number-collision');
  const { CUNO: _taken, ...params } = add.params;
  return addCustomer(add, params, ports);
}

async function addCustomer(add: M3Call, params: Record<string, string>, ports: OrderPorts): Promise<string> {
  const [created] = await ports.m3.execute(add.program, add.transaction, params);
  const customer = created?.CUNO?.trim() || params.CUNO || '';
  if (!customer) throw new PermanentError('CRS610MI.Add returned no customer number', { code: 'M3_NO_CUNO', system: 'm3' });
  return customer;
}

function linkOf(ids: Ids, status: OrderLink['status'], temporary: string, orderNumber: string, lines: LinkLine[], customerNumber = ''): OrderLink {
  return { sellerId: ids.sellerId, amazonOrderId: ids.amazonOrderId, marketplaceId: ids.marketplaceId, fulfilledBy: ids.fulfilledBy ?? 'MERCHANT', programs: ids.programs ?? [], status, tempOrderNumber: temporary, customerNumber, customFieldsPending: false, m3OrderNumber: orderNumber, lines, updatedAt: '' };
}
