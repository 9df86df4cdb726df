import Decimal from 'decimal.js';
import { amazonPricesIncludeTax, onBasis, priceBasisOf, unitPriceOf } from '../../../core/orders/price-basis';

describe('VAT basis of the prices sent to M3', () => {
  it('defaults to gross where Amazon prices include VAT and to net on US, CA, MX and BR', () => {
    expect(priceBasisOf('A1PA6795UKMFR9', {})).toBe('gross');
    expect(priceBasisOf('A1F83G8C2ARO7P', {})).toBe('gross');
    expect(priceBasisOf('A1VC38T7YXB528', {})).toBe('gross');
    for (const id of ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8', 'A2Q3Y263D00KWC']) expect(priceBasisOf(id, {})).toBe('net');
    expect(priceBasisOf('A1PA6795UKMFR9', { prices: 'net' })).toBe('net');
    expect(amazonPricesIncludeTax('XYZ', { country: 'US' })).toBe(false);
  });

  it('net from a VAT-inclusive price: (price − item tax) ÷ quantity, exact when it ends within 6 decimals', () => {
    const line = onBasis(new Decimal('29.90').times(2), '9.55', true, 'net');
    expect(line.toFixed(2)).toBe('50.25');
    expect(unitPriceOf(line, 2)).toEqual({ price: new Decimal('25.125'), exact: true });
    expect(unitPriceOf(new Decimal('10.00'), 3)).toEqual({ price: new Decimal('3.333333'), exact: false });
  });

  it('gross from a tax-exclusive price adds the tax; same basis leaves the amount alone', () => {
    expect(onBasis('19.99', '1.65', false, 'gross').toFixed(2)).toBe('21.64');
    expect(onBasis('19.99', '1.65', false, 'net').toFixed(2)).toBe('19.99');
    expect(onBasis('29.90', '4.77', true, 'gross').toFixed(2)).toBe('29.90');
  });
});
