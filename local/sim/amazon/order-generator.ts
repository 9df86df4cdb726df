/** Realistic v2026-01-01 orders for tests, the demo and benchmarks: multi-line, qty > 1, promotions, gift wrap, business orders, cancellations, pending orders without prices, unicode and long addresses. Seeded, so runs repeat. */
import { Decimal } from 'decimal.js';
import { marketplaceById } from '../../../connectors/amazon/regions';
import { amazonOrderId, digits, seededRandom } from './sim-ids';

export interface GenerateOrdersOptions {
  seed: number;
  count: number;
  marketplaceIds?: string[];
  /** SKUs to sell (default SKU-0001..SKU-0050). */
  skus?: string[];
  /** Creation time of the first order (ISO); later ones follow a few minutes apart. */
  start?: string;
  /** Share of orders in PENDING (no prices yet, FACTS §4.2), CANCELLED, business and gift orders. */
  pendingRate?: number;
  cancelledRate?: number;
  businessRate?: number;
  giftRate?: number;
  /** Share of Amazon-fulfilled (FBA) orders (default 0). */
  amazonFulfilledRate?: number;
}

const NAMES = ['Jane Doe', 'Jürgen Müller', 'Zoë Ångström', 'François Lefèvre', '山田 太郎', 'María José Fernández-Núñez', 'Łukasz Wróbel', 'Seán Ó Briain', 'Ana Luísa Gonçalves', 'O\'Connor-Smythe, Bartholomew Alexander'];
const STREETS = ['Main Street', 'Hauptstraße', 'Rue de la Paix', 'Calle Mayor', '千代田', 'Via del Corso', 'Kerkstraat', 'Avenida Paulista'];
const CITIES: Record<string, Array<[string, string, string]>> = {
  US: [['Seattle', 'WA', '98109'], ['Austin', 'TX', '73301'], ['New York', 'NY', '10001']],
  CA: [['Toronto', 'ON', 'M5V 2T6'], ['Montréal', 'QC', 'H2X 1Y4']],
  MX: [['Ciudad de México', 'CDMX', '06600']],
  BR: [['São Paulo', 'SP', '01310-100']],
  GB: [['London', 'Greater London', 'SW1A 1AA'], ['Edinburgh', 'Scotland', 'EH1 1YZ']],
  DE: [['München', 'Bayern', '80331'], ['Köln', 'Nordrhein-Westfalen', '50667']],
  FR: [['Paris', 'Île-de-France', '75001'], ['Lyon', 'Auvergne-Rhône-Alpes', '69001']],
  IT: [['Milano', 'MI', '20121']],
  ES: [['Madrid', 'Madrid', '28013']],
  NL: [['Amsterdam', 'Noord-Holland', '1012 JS']],
  JP: [['千代田区', '東京都', '100-0001']],
};

function money(amount: Decimal, currencyCode: string): { amount: string; currencyCode: string } {
  return { amount: amount.toFixed(currencyCode === 'JPY' ? 0 : 2), currencyCode };
}

export function generateOrders(opts: GenerateOrdersOptions): Array<Record<string, unknown>> {
  const random = seededRandom(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const marketplaceIds = opts.marketplaceIds ?? ['ATVPDKIKX0DER'];
  const skus = opts.skus ?? Array.from({ length: 50 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);
  let time = Date.parse(opts.start ?? '2026-03-01T08:00:00Z');
  const orders: Array<Record<string, unknown>> = [];
  for (let n = 0; n < opts.count; n += 1) {
    time += Math.floor(random() * 5 * 60 * 1000) + 1000;
    const marketplaceId = pick(marketplaceIds);
    const market = marketplaceById(marketplaceId);
    const currency = market?.currency ?? 'USD';
    const country = market?.isoCountry ?? 'US';
    const pending = random() < (opts.pendingRate ?? 0.05);
    const cancelled = !pending && random() < (opts.cancelledRate ?? 0.05);
    const business = random() < (opts.businessRate ?? 0.1);
    const gift = random() < (opts.giftRate ?? 0.1);
    const afn = random() < (opts.amazonFulfilledRate ?? 0);
    const lineCount = random() < 0.3 ? 2 + Math.floor(random() * 3) : 1;
    const usedSkus = new Set<string>();
    const items: Array<Record<string, unknown>> = [];
    let itemsTotal = new Decimal(0);
    let shippingTotal = new Decimal(0);
    for (let l = 0; l < lineCount; l += 1) {
      let sku = pick(skus);
      for (let guard = 0; usedSkus.has(sku) && guard < 10; guard += 1) sku = pick(skus);
      usedSkus.add(sku);
      const qty = random() < 0.25 ? 2 + Math.floor(random() * 4) : 1;
      const unit = currency === 'JPY' ? new Decimal(500 + Math.floor(random() * 9500)) : new Decimal(Math.floor(random() * 9000) + 499).div(100);
      const shipping = currency === 'JPY' ? new Decimal(350) : new Decimal(499).div(100);
      const product: Record<string, unknown> = { asin: `B0${digits(random, 8)}`, title: `Product ${sku} — “Edition” ${pick(['Größe M', 'Taille L', 'サイズS', 'Standard'])}`, sellerSku: sku, condition: { conditionType: 'New' } };
      const item: Record<string, unknown> = {
        orderItemId: digits(random, 14),
        quantityOrdered: qty,
        product,
        fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: qty },
      };
      if (!pending) {
        const breakdowns: Array<Record<string, unknown>> = [
          { type: 'ITEM', subtotal: money(unit.mul(qty), currency) },
          { type: 'SHIPPING', subtotal: money(shipping, currency) },
        ];
        let lineTotal = unit.mul(qty).add(shipping);
        if (random() < 0.2) {
          const discount = unit.mul(qty).mul(0.1).toDecimalPlaces(2).neg();
          breakdowns.push({ type: 'DISCOUNT', subtotal: money(discount, currency) });
          item.promotion = { breakdowns: [{ promotionId: `PROMO-${digits(random, 6)}` }] };
          lineTotal = lineTotal.add(discount);
        }
        if (gift) {
          const wrap = currency === 'JPY' ? new Decimal(300) : new Decimal(399).div(100);
          breakdowns.push({ type: 'GIFT_WRAP', subtotal: money(wrap, currency) });
          lineTotal = lineTotal.add(wrap);
          item.fulfillment = { quantityFulfilled: 0, quantityUnfulfilled: qty, packing: { giftOption: { giftMessage: 'Alles Gute zum Geburtstag! 🎉', giftWrapLevel: 'Classic' } } };
        }
        product.price = { unitPrice: money(unit, currency), ...(business ? { priceDesignation: 'BUSINESS_PRICE' } : {}) };
        item.proceeds = { proceedsTotal: money(lineTotal, currency), breakdowns };
        itemsTotal = itemsTotal.add(lineTotal);
        shippingTotal = shippingTotal.add(shipping);
      }
      if (cancelled) item.cancellation = { cancellationRequest: { requester: 'BUYER', cancelReason: 'Ordered by mistake' } };
      items.push(item);
    }
    const [city, state, postalCode] = pick(CITIES[country] ?? CITIES.US);
    // Long but deliverable: wraps over CUA1–CUA4 (4 × 36 characters) without dropping a word. Addresses that cannot
    // fit even wrapped are held for an operator (ADDRESS_TOO_LONG); specs build those on purpose.
    const longAddress = random() < 0.15 && !business;
    const name = pick(NAMES);
    const created = new Date(time).toISOString();
    const status = pending ? 'PENDING' : cancelled ? 'CANCELLED' : 'UNSHIPPED';
    const order: Record<string, unknown> = {
      orderId: amazonOrderId(random),
      createdTime: created,
      lastUpdatedTime: new Date(time + 60000).toISOString(),
      programs: [...(business ? ['AMAZON_BUSINESS'] : []), ...(random() < 0.3 ? ['PRIME'] : [])],
      salesChannel: { channelName: 'AMAZON', marketplaceId, marketplaceName: market?.salesChannel ?? 'Amazon.com' },
      fulfillment: {
        fulfillmentStatus: status,
        fulfilledBy: afn ? 'AMAZON' : 'MERCHANT',
        fulfillmentServiceLevel: pick(['STANDARD', 'EXPEDITED', 'NEXT_DAY']),
        shipByWindow: { earliestDateTime: created, latestDateTime: new Date(time + 2 * 86400000).toISOString() },
        deliverByWindow: { earliestDateTime: new Date(time + 3 * 86400000).toISOString(), latestDateTime: new Date(time + 7 * 86400000).toISOString() },
      },
      orderItems: items,
    };
    if (!pending) {
      order.buyer = { buyerName: name, buyerEmail: `${digits(random, 12)}@marketplace.amazon.example`, ...(business ? { buyerCompanyName: 'Müller & Söhne GmbH', buyerPurchaseOrderNumber: `PO-${digits(random, 6)}` } : {}) };
      order.recipient = {
        deliveryAddress: {
          name,
          ...(business ? { companyName: 'Müller & Söhne Gesellschaft für Feinmechanik und Präzisionsoptik mbH' } : {}),
          addressLine1: longAddress ? `${1 + Math.floor(random() * 999)} ${pick(STREETS)}, Hinterhaus, Aufgang C, 4. Obergeschoss links` : `${1 + Math.floor(random() * 999)} ${pick(STREETS)}`,
          ...(longAddress ? { addressLine2: 'c/o Empfangsbüro, Gebäude 7' } : {}),
          city, stateOrRegion: state, postalCode, countryCode: country,
          phone: `+1 555 ${digits(random, 7)}`,
          addressType: business ? 'COMMERCIAL' : 'RESIDENTIAL',
        },
      };
      order.proceeds = { grandTotal: money(itemsTotal, currency), breakdowns: [{ type: 'ITEM', subtotal: money(itemsTotal.sub(shippingTotal), currency) }, { type: 'SHIPPING', subtotal: money(shippingTotal, currency) }] };
    }
    orders.push(order);
  }
  return orders;
}
