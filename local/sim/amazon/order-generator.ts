/**
 * Realistic v2026-01-01 orders for tests, the demo, benchmarks and the running sandbox: every one of Amazon's 23
 * marketplaces with its currency, tax data (VAT-inclusive prices with the included VAT stated; US/CA
 * marketplace-facilitator tax on top), business orders with buyer VAT numbers, programs, replacement and FBA orders,
 * multi-quantity lines, promotions, gift wrap, buyer cancellation requests, pending orders without prices, unicode and
 * long addresses. Seeded, so runs repeat.
 */
import { Decimal } from 'decimal.js';
import { simMarketplace, type SimMarketplace } from './marketplaces';
import { amazonOrderId, digits, seededRandom } from './sim-ids';
import { drawPlace, giftOption, partiesFor, taxRegistrationFor } from './order-parties';

export interface GenerateOrdersOptions {
  seed: number;
  count: number;
  marketplaceIds?: string[];
  /** SKUs to sell (default SKU-0001..SKU-0050). */
  skus?: string[];
  /** Exactly these lines on every order instead of random ones. */
  items?: Array<{ sku: string; quantity: number }>;
  /** Creation time of the first order (ISO); later ones follow a few minutes apart. */
  start?: string;
  /** Fixed time between orders instead of a few random minutes (the random draw still happens, so lines stay the same). */
  intervalMs?: number;
  /** Share of orders in PENDING (no prices yet), CANCELLED, business and gift orders. */
  pendingRate?: number;
  cancelledRate?: number;
  businessRate?: number;
  giftRate?: number;
  /** Share of Amazon-fulfilled (FBA) orders (default 0). */
  amazonFulfilledRate?: number;
  /** Share of unshipped orders whose buyer asked to cancel (default 0). */
  buyerCancellationRate?: number;
  /** Force every order to be fulfilled by this party. */
  fulfilledBy?: 'MERCHANT' | 'AMAZON';
  /** Force business (true) or consumer (false) orders. */
  business?: boolean;
  /** Programs every order carries (the model's values: PRIME, AMAZON_EASY_SHIP, FBM_SHIP_PLUS, IN_STORE_PICK_UP, AMAZON_BUSINESS, PREMIUM …). */
  programs?: string[];
  /** Replacement orders: no charge to the buyer, associated with an original order. */
  replacement?: boolean;
  /** When set, order ids carry this running number (and the next ones) so ids never repeat in one sandbox. */
  idSequenceStart?: number;
}

const US: SimMarketplace = { id: 'ATVPDKIKX0DER', code: 'US', countryCode: 'US', region: 'NA', currency: 'USD', decimals: 2, name: 'Amazon.com', taxModel: 'marketplace-facilitator', taxRate: 8.25 };
const CANCEL_REASONS = ['Ordered by mistake', 'Found a better price', 'Delivery takes too long', 'Bestellung versehentlich aufgegeben'];

type Money = { amount: string; currencyCode: string };

function money(amount: Decimal, market: SimMarketplace): Money {
  return { amount: amount.toFixed(market.decimals), currencyCode: market.currency };
}

/** Tax contained in a VAT-inclusive gross amount, or added on top of a net amount (US/CA marketplace facilitator). */
function taxOf(amount: Decimal, market: SimMarketplace): Decimal {
  const rate = new Decimal(market.taxRate);
  const tax = market.taxModel === 'vat-inclusive' ? amount.mul(rate).div(rate.add(100)) : amount.mul(rate).div(100);
  return tax.toDecimalPlaces(market.decimals);
}

export function generateOrders(opts: GenerateOrdersOptions): Array<Record<string, unknown>> {
  const random = seededRandom(opts.seed);
  // Draws for the additions (programs, VAT numbers, replacements …) come from a second stream, so the orders a seed
  // produced before keep their ids, lines and prices.
  const extra = seededRandom(opts.seed * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const marketplaceIds = opts.marketplaceIds ?? ['ATVPDKIKX0DER'];
  const skus = opts.skus ?? Array.from({ length: 50 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);
  let time = Date.parse(opts.start ?? '2026-03-01T08:00:00Z');
  const orders: Array<Record<string, unknown>> = [];
  for (let n = 0; n < opts.count; n += 1) {
    const step = Math.floor(random() * 5 * 60 * 1000) + 1000;
    time += opts.intervalMs ?? step;
    const marketplaceId = pick(marketplaceIds);
    const market = simMarketplace(marketplaceId) ?? US;
    const pending = random() < (opts.pendingRate ?? 0.05);
    const cancelled = !pending && random() < (opts.cancelledRate ?? 0.05);
    const businessDraw = random() < (opts.businessRate ?? 0.1);
    const business = opts.business ?? (businessDraw || (opts.programs ?? []).includes('AMAZON_BUSINESS'));
    const gift = random() < (opts.giftRate ?? 0.1);
    const afnDraw = random() < (opts.amazonFulfilledRate ?? 0);
    const afn = opts.fulfilledBy ? opts.fulfilledBy === 'AMAZON' : afnDraw;
    const replacement = opts.replacement === true;
    const lineCountDraw = random() < 0.3 ? 2 + Math.floor(random() * 3) : 1;
    const lines = opts.items ?? Array.from({ length: lineCountDraw }, () => undefined);
    const usedSkus = new Set<string>();
    const items: Array<Record<string, unknown>> = [];
    const totals = { item: new Decimal(0), shipping: new Decimal(0), giftWrap: new Decimal(0), discount: new Decimal(0), tax: new Decimal(0), proceeds: new Decimal(0) };
    const buyerCancels = !pending && !cancelled && extra() < (opts.buyerCancellationRate ?? 0);
    for (const fixed of lines) {
      let sku = pick(skus);
      for (let guard = 0; usedSkus.has(sku) && guard < 10; guard += 1) sku = pick(skus);
      if (fixed) sku = fixed.sku;
      usedSkus.add(sku);
      const qtyDraw = random() < 0.25 ? 2 + Math.floor(random() * 4) : 1;
      const qty = fixed?.quantity ?? qtyDraw;
      const jpy = market.decimals === 0;
      const unitDraw = jpy ? new Decimal(500 + Math.floor(random() * 9500)) : new Decimal(Math.floor(random() * 9000) + 499).div(100);
      const unit = replacement ? new Decimal(0) : unitDraw;
      const shipping = replacement ? new Decimal(0) : jpy ? new Decimal(350) : new Decimal(499).div(100);
      const product: Record<string, unknown> = { asin: `B0${digits(random, 8)}`, title: `Product ${sku} — “Edition” ${pick(['Größe M', 'Taille L', 'サイズS', 'Standard'])}`, sellerSku: sku, condition: { conditionType: 'New' } };
      const item: Record<string, unknown> = {
        orderItemId: digits(random, 14),
        quantityOrdered: qty,
        product,
        fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: qty },
      };
      if (!pending) {
        const itemAmount = unit.mul(qty);
        const breakdowns: Array<Record<string, unknown>> = [
          { type: 'ITEM', subtotal: money(itemAmount, market) },
          { type: 'SHIPPING', subtotal: money(shipping, market) },
        ];
        let lineTotal = itemAmount.add(shipping);
        let discount = new Decimal(0);
        if (random() < 0.2 && !replacement) {
          discount = itemAmount.mul(0.1).toDecimalPlaces(market.decimals).neg();
          breakdowns.push({ type: 'DISCOUNT', subtotal: money(discount, market), detailedBreakdowns: [{ subtype: 'ITEM', value: money(discount, market) }] });
          item.promotion = { breakdowns: [{ promotionId: `PROMO-${digits(random, 6)}` }] };
          lineTotal = lineTotal.add(discount);
        }
        let wrap = new Decimal(0);
        if (gift) {
          wrap = replacement ? new Decimal(0) : jpy ? new Decimal(300) : new Decimal(399).div(100);
          breakdowns.push({ type: 'GIFT_WRAP', subtotal: money(wrap, market) });
          lineTotal = lineTotal.add(wrap);
          item.fulfillment = { quantityFulfilled: 0, quantityUnfulfilled: qty, packing: { giftOption: giftOption(market) } };
        }
        // Tax per charge: contained in VAT-inclusive prices, added on top by Amazon as marketplace facilitator in the US
        // and CA. Which of the two Amazon's proceedsTotal includes for VAT-inclusive prices is not stated in the model;
        // the simulator counts the contained VAT once (in ITEM/SHIPPING/GIFT_WRAP), not again as TAX.
        const taxItem = taxOf(itemAmount.add(discount), market);
        const taxShipping = taxOf(shipping, market);
        const taxWrap = taxOf(wrap, market);
        const tax = taxItem.add(taxShipping).add(taxWrap);
        if (!replacement) {
          breakdowns.push({
            type: 'TAX', subtotal: money(tax, market),
            detailedBreakdowns: [
              { subtype: 'ITEM', value: money(taxItem, market) },
              { subtype: 'SHIPPING', value: money(taxShipping, market) },
              ...(gift ? [{ subtype: 'GIFT_WRAP', value: money(taxWrap, market) }] : []),
            ],
          });
          if (market.taxModel === 'marketplace-facilitator') {
            lineTotal = lineTotal.add(tax);
            item.tax = { taxCollections: [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: 'Amazon Services, Inc.' }] };
          } else if (market.region === 'EU' && market.vatPrefix) {
            item.tax = { taxCalculationBreakdowns: [{ reportingScheme: 'UOSS' }] };
          }
        }
        product.price = { unitPrice: money(unit, market), ...(business ? { priceDesignation: 'BUSINESS_PRICE' } : {}) };
        item.proceeds = { proceedsTotal: money(lineTotal, market), breakdowns };
        totals.item = totals.item.add(itemAmount);
        totals.shipping = totals.shipping.add(shipping);
        totals.giftWrap = totals.giftWrap.add(wrap);
        totals.discount = totals.discount.add(discount);
        totals.tax = totals.tax.add(tax);
        totals.proceeds = totals.proceeds.add(lineTotal);
      }
      if (cancelled) item.cancellation = { cancellationRequest: { requester: 'BUYER', cancelReason: 'Ordered by mistake' } };
      if (buyerCancels) item.cancellation = { cancellationRequest: { requester: 'BUYER', cancelReason: CANCEL_REASONS[Math.floor(extra() * CANCEL_REASONS.length)] } };
      items.push(item);
    }
    const place = drawPlace(random, market, business);
    const created = new Date(time).toISOString();
    const status = pending ? 'PENDING' : cancelled ? 'CANCELLED' : 'UNSHIPPED';
    const randomId = amazonOrderId(random);
    const orderId = opts.idSequenceStart === undefined ? randomId : sequencedOrderId(extra, market, opts.idSequenceStart + n);
    const primeDraw = random() < 0.3;
    const serviceLevel = pick(['STANDARD', 'EXPEDITED', 'NEXT_DAY']);
    const programs = new Set<string>([...(business ? ['AMAZON_BUSINESS'] : []), ...(primeDraw ? ['PRIME'] : []), ...(opts.programs ?? [])]);
    if (serviceLevel === 'NEXT_DAY' && extra() < 0.5) programs.add('PREMIUM');
    const order: Record<string, unknown> = {
      orderId,
      createdTime: created,
      lastUpdatedTime: new Date(time + 60000).toISOString(),
      programs: [...programs],
      salesChannel: { channelName: 'AMAZON', marketplaceId, marketplaceName: market.name },
      fulfillment: {
        fulfillmentStatus: status,
        fulfilledBy: afn ? 'AMAZON' : 'MERCHANT',
        fulfillmentServiceLevel: serviceLevel,
        shipByWindow: { earliestDateTime: created, latestDateTime: new Date(time + 2 * 86400000).toISOString() },
        deliverByWindow: { earliestDateTime: new Date(time + 3 * 86400000).toISOString(), latestDateTime: new Date(time + 7 * 86400000).toISOString() },
      },
      orderItems: items,
    };
    if (replacement) order.associatedOrders = [{ orderId: amazonOrderId(extra), associationType: 'REPLACEMENT_ORIGINAL_ID' }];
    if (!pending) {
      const parties = partiesFor(random, market, place, { business, afn });
      order.buyer = parties.buyer;
      order.recipient = parties.recipient;
      const breakdowns: Array<Record<string, unknown>> = [
        { type: 'ITEM', subtotal: money(totals.item, market) },
        { type: 'SHIPPING', subtotal: money(totals.shipping, market) },
        ...(totals.giftWrap.isZero() ? [] : [{ type: 'GIFT_WRAP', subtotal: money(totals.giftWrap, market) }]),
        ...(totals.discount.isZero() ? [] : [{ type: 'DISCOUNT', subtotal: money(totals.discount, market) }]),
        ...(replacement ? [] : [{ type: 'TAX', subtotal: money(totals.tax, market) }]),
      ];
      order.proceeds = { grandTotal: money(totals.proceeds, market), breakdowns };
      if (business) order.tax = { taxRegistrations: [taxRegistrationFor(extra, market)], taxInvoicing: { buyerInvoicePreference: 'BUSINESS' } };
    }
    orders.push(order);
  }
  return orders;
}

/** Amazon's 3-7-7 shape with a running number in the middle group, so no two generated orders share an id. */
function sequencedOrderId(random: () => number, market: SimMarketplace, sequence: number): string {
  const prefix = market.region === 'NA' ? '113' : market.region === 'EU' ? '302' : '503';
  return `${prefix}-${String(sequence % 10_000_000).padStart(7, '0')}-${digits(random, 7)}`;
}
