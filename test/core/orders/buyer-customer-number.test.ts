import { buyerCustomerNumber, buyerIdentity } from '../../../core/orders/buyer-customer-number';
import { planOrder } from '../../../core/orders/plan-order';
import { toCanonicalOrder } from '../../../core/orders/read-canonical-order';
import type { Mappings } from '../../../core/mapping/mappings-schema';
import { loadShippedMappings } from '../../../local/sandbox/sandbox';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { renderOrderPlan } from '../../../core/orders/structured-order-plan';
import type { OrderPlan as OrderPlanJson } from '../../../core/orders/order-plan';

/** The plan as `m3sync plan-order` prints it (docs/contracts.md, Order plan JSON). */
const planJson = (...args: Parameters<typeof planOrder>): OrderPlanJson => renderOrderPlan(planOrder(...args));

describe('the M3 customer number of a buyer (customer policy per buyer)', () => {
  it('is ten characters: the prefix and base32 of the identity hash', () => {
    const cuno = buyerCustomerNumber('email:abc@marketplace.amazon.com', 'AZ');
    expect(cuno).toMatch(/^AZ[A-Z2-7]{8}$/);
    expect(buyerCustomerNumber('email:abc@marketplace.amazon.com', 'Q')).toMatch(/^Q[A-Z2-7]{9}$/);
  });

  it('is the same for the same buyer however the e-mail is written, and differs between buyers', () => {
    const a = buyerIdentity({ MAIL: ' Abc@Marketplace.Amazon.com ' }, 'email')!;
    const b = buyerIdentity({ MAIL: 'abc@marketplace.amazon.com' }, 'email')!;
    const c = buyerIdentity({ MAIL: 'abd@marketplace.amazon.com' }, 'email')!;
    expect(buyerCustomerNumber(a, 'AZ')).toBe(buyerCustomerNumber(b, 'AZ'));
    expect(buyerCustomerNumber(a, 'AZ')).not.toBe(buyerCustomerNumber(c, 'AZ'));
  });

  it('matches by name, postal code and country as M3 stores them when configured so', () => {
    const one = buyerIdentity({ CUNM: 'Jane  Doe', PONO: 'SW1A 1AA', CSCD: 'GB' }, 'name-postal-code');
    const two = buyerIdentity({ CUNM: 'jane doe', PONO: 'SW1A1AA', CSCD: 'gb' }, 'name-postal-code');
    expect(one).toBeDefined();
    expect(one).toBe(two);
  });

  it('has no identity when the fields do not carry it (M3 then numbers the customer itself)', () => {
    expect(buyerIdentity({}, 'email')).toBeUndefined();
    expect(buyerIdentity({ CUNM: 'Jane Doe' }, 'name-postal-code')).toBeUndefined();
  });

  it('is derived in the plan from the fields CRS610MI.Add writes, and left to M3 for an e-mail longer than MAIL', () => {
    const mappings = loadShippedMappings();
    const perBuyer: Mappings = { ...mappings, customer: { policy: 'per-buyer', template: 'AMZUS', match: 'email', prefix: 'AZ' } };
    const [generated] = generateOrders({ seed: 5, count: 1, pendingRate: 0, cancelledRate: 0 });
    const order = toCanonicalOrder({ order: generated });
    const add = planJson(order, perBuyer).calls[0]!;
    expect(add).toMatchObject({ program: 'CRS610MI', transaction: 'Add' });
    expect(add.params.CUNO).toBe(buyerCustomerNumber(buyerIdentity(add.params, 'email')!, 'AZ'));
    const longMail = { ...order, buyer: { ...order.buyer, email: `${'x'.repeat(60)}@marketplace.amazon.com` } };
    const unnumbered = planJson(longMail, perBuyer).calls[0]!;
    expect(unnumbered.params.CUNO).toBeUndefined();
    expect(unnumbered.params.MAIL).toBeUndefined();
  });
});
