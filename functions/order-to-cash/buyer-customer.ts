/**
 * The per-buyer customer of an order (customer policy `per-buyer`): created once from the template with CRS610MI.Add,
 * recorded on the order link before the order head is opened, so a retry reuses it instead of creating another.
 * The Add carries the buyer's name and address, so it travels in a bulk request body, never in a URL.
 */
import type { M3Call } from '../../core/orders/order-plan';
import { PermanentError, TransientError } from '../../core/errors';
import { buyerIdentity } from '../../core/orders/buyer-customer-number';
import type { OrderLease } from '../../connectors/storage';
import { crs610mi } from '../../connectors/m3';
import type { BulkExecutor, OrderPorts } from './order-ports';
import type { LinkWriter, OrderIds } from './link-writer';
import { ORDER_FLOW } from './names';

export interface CustomerContext {
  ids: OrderIds;
  ports: OrderPorts;
  bulk: BulkExecutor;
  lease: OrderLease;
  link: LinkWriter;
}

/**
 * The head call with its customer: the plan's, or this buyer's (created now with the plan's CRS610MI.Add, or recorded
 * by an earlier attempt).
 */
export async function withCustomer(ctx: CustomerContext, head: M3Call, add: M3Call | undefined): Promise<M3Call> {
  if (head.params.CUNO) return head;
  if (!add) throw new PermanentError('the order head has no customer and the plan creates none', { code: 'PLAN_INVALID', system: 'm3sync' });
  let customer = ctx.link.current?.customerNumber ?? '';
  if (!customer) {
    await ctx.lease.renew();
    customer = await addBuyerCustomer(ctx, add);
    await ctx.link.update(ctx.ids, { customerNumber: customer });
  }
  return { ...head, params: { ...head.params, CUNO: customer } };
}

/**
 * CRS610MI.Add under the number derived from the buyer (core/orders/buyer-customer-number.ts). M3 refuses a number
 * that exists: then this buyer ordered before — or our own earlier attempt created it and crashed before the link
 * write — and the existing customer is used once GetBasicData shows the same identity. Another buyer under that number
 * (a hash collision, or a customer that is not ours) is never merged: this buyer's customer is numbered by M3.
 */
async function addBuyerCustomer(ctx: CustomerContext, add: M3Call): Promise<string> {
  const wanted = add.params.CUNO ?? '';
  let refusal: PermanentError;
  try {
    return await addCustomer(ctx, add, add.params);
  } catch (error) {
    if (!(error instanceof PermanentError) || !wanted || error.code === 'M3_NO_CUNO') throw error;
    refusal = error;
  }
  let existing: crs610mi.Customer | undefined;
  try {
    existing = await crs610mi.getBasicData(ctx.ports.m3, wanted, { CONO: add.params.CONO });
  } catch (lookup) {
    if (lookup instanceof PermanentError) throw refusal; // no such customer: the Add was refused for another reason
    throw lookup;
  }
  if (!existing) throw refusal;
  const policy = (await ctx.ports.mappings()).customer;
  const match = policy.policy === 'per-buyer' ? policy.match : 'email';
  if (buyerIdentity(existing, match) === buyerIdentity(add.params, match)) return wanted;
  await ctx.ports.counters.increment(ORDER_FLOW, 'customer-number-collision');
  const { CUNO: _taken, ...params } = add.params;
  return addCustomer(ctx, add, params);
}

async function addCustomer(ctx: CustomerContext, add: M3Call, params: Record<string, string>): Promise<string> {
  const [outcome] = await ctx.bulk(add.program, [{ transaction: add.transaction, params }]);
  if (!outcome) throw new TransientError(`M3 answered no ${add.program}.${add.transaction} result`, { code: 'BULK_MISMATCH', system: 'm3' });
  if (!outcome.ok) throw outcome.error;
  const customer = outcome.records[0]?.CUNO?.trim() || params.CUNO || '';
  if (!customer) throw new PermanentError('CRS610MI.Add returned no customer number', { code: 'M3_NO_CUNO', system: 'm3' });
  return customer;
}
