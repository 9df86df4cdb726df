/**
 * Canonical Amazon order + mappings → the structured plan of the calls that create it in M3 (pure; docs/design.md,
 * Order-to-cash). `renderOrderPlan` turns it into the contract's JSON (docs/contracts.md, Order plan JSON).
 */
import Decimal from 'decimal.js';
import type { CanonicalLine, CanonicalOrder } from './canonical-order';
import type { ChargeMapping, Mappings, MarketplaceMapping } from '../mapping/mappings-schema';
import { ITNO_LENGTH, fitsItemNumber, resolveItemStatically } from '../mapping/resolve-item';
import { decimalText, scaleOf } from './decimal-amount';
import { isBlockingIssue, type M3Call, type PlanIssue } from './order-plan';
import { decideOrderAction } from './order-action';
import { CHARGE_KINDS, createCalls, type ChargeKind, type PlannedCreate, type PlannedHeadCharge, type PlannedLine, type StructuredOrderPlan } from './structured-order-plan';
import { ADDRESS_LENGTHS, layoutShipTo } from './ship-to-address';
import { customFieldCalls } from './custom-field-calls';
import { charLength, wrapText } from './text-wrap';
import { MAIL_LENGTH, buyerCustomerNumber, buyerIdentity } from './buyer-customer-number';
import { amazonPricesIncludeTax, needsTax, onBasis, priceBasisOf, unitPriceOf, type PriceBasis } from './price-basis';

export interface PlanOrderOptions {
  /** SKU → M3 item number resolved by the activity (mapping table, MMS025MI alias, existence check); null = not found. */
  items?: Map<string, string | null>;
  /** The M3 customer found or created for this buyer (customer policy per-buyer). */
  customer?: string;
}

// What the plan cannot know is M3's numbers: the executor passes the temporary order number AddBatchHead returned to
// every OIS100MI call after it (docs/m3-facts.md, OIS100MI batch orders), each line's PONR/POSX to that line's charges,
// the real order number from Confirm to CUSEXTMI (key ORNO), and the customer CRS610MI.Add returned to AddBatchHead.
// CUPO on a SKU line is the 1-based position of the Amazon order item in the order (line link: CUPO ↔ orderItemId).

export function planOrder(order: CanonicalOrder, mappings: Mappings, options: PlanOrderOptions = {}): StructuredOrderPlan {
  const decision = decideOrderAction(order, mappings);
  if (decision.action !== 'create') return { orderId: order.orderId, action: decision.action, reason: decision.reason, issues: decision.issues };
  const issues: PlanIssue[] = [...decision.issues];
  const marketplace = order.marketplaceId === undefined ? undefined : mappings.marketplaces[order.marketplaceId];
  if (marketplace === undefined) {
    issues.push({ code: 'MARKETPLACE_NOT_MAPPED', message: `marketplace ${order.marketplaceId ?? '(none)'} has no entry in mappings.marketplaces` });
    return blocked(order, decision.reason, issues);
  }
  const create = buildCreate(order, mappings, marketplace, options, issues);
  if (issues.some(isBlockingIssue)) return blocked(order, decision.reason, issues);
  return { orderId: order.orderId, action: 'create', reason: decision.reason, issues, create };
}

function blocked(order: CanonicalOrder, reason: string, issues: PlanIssue[]): StructuredOrderPlan {
  const codes = [...new Set(issues.filter(isBlockingIssue).map((i) => i.code))].join(', ');
  return { orderId: order.orderId, action: 'create', reason: `${reason}; cannot be created until fixed: ${codes}`, issues };
}

function buildCreate(order: CanonicalOrder, mappings: Mappings, marketplace: MarketplaceMapping, options: PlanOrderOptions, issues: PlanIssue[]): PlannedCreate {
  const isAmazonFulfilled = order.channel === 'amazon';
  const warehouse = (isAmazonFulfilled ? mappings.fulfillment.amazonWarehouse : undefined) ?? marketplace.warehouse;
  const company: Record<string, string> = mappings.company === undefined ? {} : { CONO: mappings.company };
  const vat: VatBasis = { includesTax: amazonPricesIncludeTax(order.marketplaceId, marketplace), basis: priceBasisOf(order.marketplaceId, marketplace) };

  let customer = marketplace.customer;
  let addCustomer: M3Call | undefined;
  if (mappings.customer.policy === 'per-buyer') {
    if (options.customer !== undefined) customer = options.customer;
    else addCustomer = addCustomerCall(order, mappings.customer, marketplace, company, mappings, issues);
  }

  const head: Record<string, string> = {
    ...company,
    CUNO: customer,
    ORTP: (isAmazonFulfilled ? mappings.fulfillment.amazonOrderType : undefined) ?? marketplace.orderType,
    FACI: marketplace.facility,
    WHLO: warehouse,
    CUOR: order.orderId,
    ORDT: m3Date(order.createdAt),
  };
  if (mappings.customer.policy === 'per-buyer' && options.customer === undefined) delete head.CUNO;
  const currency = marketplace.currency ?? order.currency;
  if (currency !== undefined) head.CUCD = currency;
  if (marketplace.language !== undefined) head.LNCD = marketplace.language;
  if (marketplace.deliveryMethod !== undefined) head.MODL = marketplace.deliveryMethod;
  if (marketplace.deliveryTerms !== undefined) head.TEDL = marketplace.deliveryTerms;
  if (marketplace.paymentTerms !== undefined) head.TEPY = marketplace.paymentTerms;
  // RLDT is the date the buyer asked to receive the goods: Amazon's latest delivery date. The ship-by date is another
  // fact; it is kept where the mappings say (customFields attribute latestShipDate).
  const deliverBy = order.latestDeliveryDate === undefined ? undefined : m3Date(order.latestDeliveryDate);
  if (deliverBy !== undefined) head.RLDT = deliverBy;
  const po = order.buyer?.purchaseOrderNumber?.trim();
  if (po !== undefined && po !== '') head.YREF = fitOrReport(po, 30, 'YREF', 'buyer purchase order number', issues);
  if (charLength(order.orderId) > 20) issues.push({ code: 'FIELD_TOO_LONG', message: `Amazon order id does not fit CUOR (20 characters)` });
  const headCall: M3Call = { program: 'OIS100MI', transaction: 'AddBatchHead', params: head };

  const planned: PlannedLine[] = [];
  const headCharges: PlannedHeadCharge[] = [];
  const lines = order.lines.filter((l) => l.quantity > 0);
  if (lines.length === 0) issues.push({ code: 'NO_LINES', message: 'the order has no line with a quantity to order' });
  order.lines.forEach((line, index) => {
    if (line.quantity <= 0) return;
    const item = resolveItem(line, mappings, options, issues);
    const params: Record<string, string> = { ...company, ITNO: item ?? '', ORQT: String(line.quantity), WHLO: warehouse, CUOR: order.orderId, CUPO: String(index + 1) };
    if (line.unitPrice === undefined) issues.push({ code: 'PRICE_MISSING', message: `order item ${line.orderItemId} has no unit price` });
    else params.SAPR = unitPriceOnBasis(line, vat, issues);
    if (!line.unitPriceExact) issues.push({ code: 'PRICE_ROUNDED', message: `order item ${line.orderItemId}: line total ${line.lineTotal ?? '?'} ÷ ${line.quantity} is not exact; unit price rounded to ${line.unitPrice ?? '?'}` });
    if (mappings.promotions.mode === 'line-discount' && line.promotionDiscount !== undefined) params[mappings.promotions.field] = line.promotionDiscount;
    const charges: M3Call[] = [];
    for (const [kind, mapping] of chargeMappings(mappings)) {
      const charge = chargeAmount(line, kind, mappings, vat, issues);
      if (mapping.mode === 'line-charge' && charge !== undefined) {
        const chg: Record<string, string> = { ...company, CRID: mapping.chargeId, CRAM: decimalText(charge.amount, charge.scale) };
        if (mapping.description !== undefined) chg.CRD0 = mapping.description;
        charges.push({ program: 'OIS100MI', transaction: 'AddBatchLineChg', params: chg });
      }
    }
    planned.push({ line: { program: 'OIS100MI', transaction: 'AddBatchLine', params }, charges, position: index + 1 });
  });

  for (const [kind, mapping] of chargeMappings(mappings)) {
    let total: Decimal | undefined;
    let scale = 0;
    for (const l of lines) {
      const charge = chargeAmount(l, kind, mappings, vat, issues);
      if (charge === undefined) continue;
      total = (total ?? new Decimal(0)).plus(charge.amount);
      scale = Math.max(scale, charge.scale);
    }
    if (total === undefined || total.isZero()) continue;
    if (mapping.mode === 'item-line') {
      const params: Record<string, string> = { ...company, ITNO: mapping.item, ORQT: '1', SAPR: decimalText(total, scale), WHLO: warehouse, CUOR: order.orderId };
      if (mapping.description !== undefined) params.ITDS = mapping.description;
      planned.push({ line: { program: 'OIS100MI', transaction: 'AddBatchLine', params }, charges: [], chargeKind: kind });
    } else if (mapping.mode === 'head-charge') {
      const params: Record<string, string> = { ...company, CRID: mapping.chargeId, CRAM: decimalText(total, scale) };
      if (currency !== undefined) params.CUCD = currency;
      if (mapping.description !== undefined) params.CRD0 = mapping.description;
      headCharges.push({ kind, call: { program: 'OIS100MI', transaction: 'AddBatchHeadChg', params } });
    }
  }

  let address: M3Call | undefined;
  if (order.shipTo !== undefined) {
    const layout = layoutShipTo(order.shipTo, mappings.address);
    issues.push(...layout.issues);
    address = { program: 'OIS100MI', transaction: 'AddBatchAddress', params: { ...company, ADRT: marketplace.addressType, ...layout.params, ...buyerVatNumber(order, issues) } };
  } else if (!isAmazonFulfilled) {
    issues.push({ code: 'ADDRESS_MISSING', message: 'the order has no ship-to address (getOrder without includedData=RECIPIENT, or no access to it)' });
  }

  const confirm: M3Call = { program: 'OIS100MI', transaction: 'Confirm', params: { ...company } };
  const customFields = customFieldCalls(order, mappings.customFields, company, issues);
  const create: PlannedCreate = { ...(addCustomer === undefined ? {} : { customer: addCustomer }), head: headCall, lines: planned, headCharges, ...(address === undefined ? {} : { address }), confirm, customFields };
  checkAmountLengths(createCalls(create), issues);
  return create;
}

// Quantities and amounts are text fields on the batch-order transactions (ORQT A16, SAPR A18, CRAM A16:
// docs/m3-facts.md, Field lengths and formats). A figure that does not fit cannot be wrapped or cut: the order is held.
const AMOUNT_LENGTHS: Record<string, number> = { ORQT: 16, SAPR: 18, CRAM: 16 };

function checkAmountLengths(calls: readonly M3Call[], issues: PlanIssue[]): void {
  for (const call of calls) {
    for (const [field, max] of Object.entries(AMOUNT_LENGTHS)) {
      const value = call.params[field];
      if (value !== undefined && charLength(value) > max) {
        issues.push({ code: 'FIELD_TOO_LONG', message: `${call.transaction} ${field} has ${charLength(value)} characters, more than M3's ${max}` });
      }
    }
  }
}

function chargeMappings(mappings: Mappings): [ChargeKind, ChargeMapping][] {
  return CHARGE_KINDS.map((kind) => [kind, mappings.charges[kind]]);
}

interface VatBasis { includesTax: boolean; basis: PriceBasis }

/** SAPR on the marketplace's VAT basis (core/orders/price-basis.ts): the line amount ± its item tax, ÷ quantity. */
function unitPriceOnBasis(line: CanonicalLine, vat: VatBasis, issues: PlanIssue[]): string {
  const unitPrice = line.unitPrice as string;
  if (!needsTax(vat.includesTax, vat.basis)) return unitPrice;
  if (line.itemTax === undefined) {
    issues.push({ code: 'TAX_MISSING', message: `order item ${line.orderItemId}: Amazon sent no item tax, so the ${vat.basis} price cannot be computed` });
    return unitPrice;
  }
  const lineAmount = onBasis(new Decimal(unitPrice).times(line.quantity), line.itemTax, vat.includesTax, vat.basis);
  const { price, exact } = unitPriceOf(lineAmount, line.quantity);
  if (!exact) issues.push({ code: 'PRICE_ROUNDED', message: `order item ${line.orderItemId}: ${vat.basis} line amount ${lineAmount.toFixed()} ÷ ${line.quantity} rounded to ${price.toFixed()}` });
  return decimalText(price, Math.max(2, scaleOf(unitPrice)));
}

/** A business buyer's VAT registration number on the delivery address (VRNO A16), where M3 keeps it for the invoice. */
function buyerVatNumber(order: CanonicalOrder, issues: PlanIssue[]): Record<string, string> {
  // The buyer's own registration (entity BUYER, or unlabelled), never the marketplace's or the seller's.
  const vrno = order.taxRegistrations.find((r) => r.number !== undefined && r.number.trim() !== '' && (r.entityType === undefined || r.entityType === 'BUYER'))?.number?.trim();
  if (vrno === undefined) return {};
  if (charLength(vrno) > 16) {
    issues.push({ code: 'FIELD_SHORTENED', message: 'buyer VAT number longer than VRNO (16 characters): not sent on the address (map it to a custom field)' });
    return {};
  }
  return { VRNO: vrno };
}

function chargeAmount(line: CanonicalLine, kind: ChargeKind, mappings: Mappings, vat: VatBasis, issues: PlanIssue[]): { amount: Decimal; scale: number } | undefined {
  const charge = kind === 'shipping' ? line.shipping : line.giftWrap;
  if (charge === undefined) return undefined;
  if (needsTax(vat.includesTax, vat.basis) && charge.tax === undefined) {
    issues.push({ code: 'TAX_MISSING', message: `order item ${line.orderItemId}: Amazon sent no ${kind} tax, so the ${vat.basis} ${kind} charge cannot be computed` });
  }
  // Charges follow the prices' VAT basis; a shipping discount is then taken off as Amazon reports it.
  let amount = onBasis(charge.amount, needsTax(vat.includesTax, vat.basis) ? charge.tax : undefined, vat.includesTax, vat.basis);
  let scale = Math.max(scaleOf(charge.amount), charge.tax === undefined ? 0 : scaleOf(charge.tax));
  if (kind === 'shipping' && mappings.charges.netOfShippingDiscount && charge.discount !== undefined) {
    amount = amount.minus(new Decimal(charge.discount));
    scale = Math.max(scale, scaleOf(charge.discount));
  }
  return amount.greaterThan(0) ? { amount, scale } : undefined;
}

/**
 * The item of a SKU line: the mapping table, else what the activity resolved in M3 (`options.items`), else what the
 * mappings alone say (core/mapping/resolve-item.ts), where an alias look-up nobody ran falls back to identity.
 */
function resolveItem(line: CanonicalLine, mappings: Mappings, options: PlanOrderOptions, issues: PlanIssue[]): string | undefined {
  const sku = line.sku;
  if (sku === undefined || sku.trim() === '') {
    issues.push({ code: 'SKU_NOT_FOUND', message: `order item ${line.orderItemId} has no seller SKU` });
    return undefined;
  }
  const known = resolveItemStatically(mappings, sku);
  if (known.kind === 'table') return known.itemNumber;
  if (options.items?.has(sku) === true) {
    const resolved = options.items.get(sku);
    if (resolved !== null && resolved !== undefined && fitsItemNumber(resolved)) return resolved;
    issues.push({ code: 'SKU_NOT_FOUND', message: `SKU ${sku}: no M3 item (mapping table, alias and item lookup found none)` });
    return undefined;
  }
  const identity = known.kind === 'identity' ? known.itemNumber : known.kind === 'needs-alias-lookup' ? known.identityFallback : undefined;
  if (identity !== undefined) return identity;
  issues.push({
    code: 'SKU_NOT_FOUND',
    message: fitsItemNumber(sku)
      ? `SKU ${sku}: not in the mapping table (items.strategy is table-only)`
      : `SKU ${sku}: longer than M3's ${ITNO_LENGTH}-character item number and not mapped (add items.table entry or an MMS025MI alias)`,
  });
  return undefined;
}

type PerBuyerPolicy = Extract<Mappings['customer'], { policy: 'per-buyer' }>;

function addCustomerCall(order: CanonicalOrder, policy: PerBuyerPolicy, marketplace: MarketplaceMapping, company: Record<string, string>, mappings: Mappings, issues: PlanIssue[]): M3Call {
  const params: Record<string, string> = { ...company, CUTM: policy.template };
  const email = order.buyer?.email?.trim();
  if (email && charLength(email) <= MAIL_LENGTH) params.MAIL = email;
  if (order.shipTo !== undefined) {
    const { params: address } = layoutShipTo(order.shipTo, { ...mappings.address, longPhoneToPhn2: false });
    for (const key of ['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4', 'PONO', 'TOWN', 'ECAR', 'CSCD', 'PHNO'] as const) {
      if (address[key] !== undefined) params[key] = address[key];
    }
  }
  if (params.CUNM === undefined && order.buyer?.name !== undefined) {
    // Same rule as the ship-to: a name longer than CUNM wraps onto the address lines instead of losing words.
    const lines = wrapText(order.buyer.name, ADDRESS_LENGTHS.CUNM);
    if (lines.length > 0) params.CUNM = lines[0];
    lines.slice(1, 5).forEach((line, i) => { params[`CUA${i + 1}`] = line; });
    if (lines.length > 5) issues.push({ code: 'ADDRESS_TOO_LONG', message: 'buyer name does not fit CUNM + CUA1–CUA4 (36 characters each)' });
  }
  if (marketplace.language !== undefined) params.LNCD = marketplace.language;
  // The number comes from the fields written, so GetBasicData can confirm it later; without an identity (no buyer
  // data shared, an e-mail longer than MAIL) M3 numbers the customer itself, one per order.
  const identity = buyerIdentity(params, policy.match);
  if (identity !== undefined) params.CUNO = buyerCustomerNumber(identity, policy.prefix);
  return { program: 'CRS610MI', transaction: 'Add', params };
}

/** M3 dates are yyyyMMdd with the default `dateformat=YMD8` (docs/m3-facts.md, Field lengths and formats); Amazon times are ISO-8601. */
export function m3Date(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso.slice(0, 10).replace(/-/g, '');
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

function fitOrReport(text: string, max: number, field: string, what: string, issues: PlanIssue[]): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join('');
  issues.push({ code: 'FIELD_SHORTENED', message: `${what} longer than ${field} (${max} characters): shortened` });
  return chars.slice(0, max).join('');
}
