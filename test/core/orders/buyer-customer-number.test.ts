import { buyerCustomerNumber, buyerIdentity } from '../../../core/orders/buyer-customer-number';
import type { CanonicalOrder } from '../../../core/orders/canonical-order';

const order = (buyer: CanonicalOrder['buyer'], shipTo?: CanonicalOrder['shipTo']): CanonicalOrder =>
  ({ orderId: '113-1', buyer, shipTo } as unknown as CanonicalOrder);

describe('the M3 customer number of a buyer (customer policy per buyer)', () => {
  it('is ten characters: the prefix and base32 of the identity hash', () => {
    const cuno = buyerCustomerNumber('email:abc@marketplace.amazon.com', 'AZ');
    expect(cuno).toMatch(/^AZ[A-Z2-7]{8}$/);
    expect(buyerCustomerNumber('email:abc@marketplace.amazon.com', 'Q')).toMatch(/^Q[A-Z2-7]{9}$/);
  });

  it('is the same for the same buyer however the e-mail is written, and differs between buyers', () => {
    const a = buyerIdentity(order({ email: ' Abc@Marketplace.Amazon.com ' }), 'email')!;
    const b = buyerIdentity(order({ email: 'abc@marketplace.amazon.com' }), 'email')!;
    const c = buyerIdentity(order({ email: 'abd@marketplace.amazon.com' }), 'email')!;
    expect(buyerCustomerNumber(a, 'AZ')).toBe(buyerCustomerNumber(b, 'AZ'));
    expect(buyerCustomerNumber(a, 'AZ')).not.toBe(buyerCustomerNumber(c, 'AZ'));
  });

  it('matches by name, postal code and country when configured so', () => {
    const one = buyerIdentity(order({ name: 'Jane  Doe' }, { postalCode: '10115', countryCode: 'DE' }), 'name-postal-code');
    const two = buyerIdentity(order({ name: 'jane doe' }, { postalCode: '10 115', countryCode: 'de' }), 'name-postal-code');
    expect(one).toBeDefined();
    expect(one).toBe(two);
  });

  it('has no identity when Amazon shared no buyer data (M3 then numbers the customer itself)', () => {
    expect(buyerIdentity(order(undefined), 'email')).toBeUndefined();
    expect(buyerIdentity(order({ name: 'Jane Doe' }), 'name-postal-code')).toBeUndefined();
  });
});
