/** Mapped order attributes → CUSEXTMI.AddFieldValue calls (CUGEX1 extension table), after Confirm. */
import type { CanonicalOrder } from './canonical-order';
import type { CustomField } from '../mapping/mappings-schema';
import type { M3Call, PlanIssue } from './order-plan';

// CUSEXTMI keys: FILE A10 + PK01 A30; values A030…A930 (A30), A121 (A120), N096…N996 (19,6)
// (docs/m3-facts.md, Field lengths and formats). One call per (file, key) carrying all its fields.

export function customFieldValue(order: CanonicalOrder, attribute: CustomField['attribute']): string | undefined {
  const tax = order.taxRegistrations.find((r) => r.number !== undefined);
  const flag = (b: boolean): string => (b ? '1' : '0');
  switch (attribute) {
    case 'amazonOrderId': return order.orderId;
    case 'marketplaceId': return order.marketplaceId;
    case 'salesChannel': return order.salesChannel;
    case 'fulfillmentChannel': return order.channel === 'amazon' ? 'AFN' : 'MFN';
    case 'isBusinessOrder': return flag(order.isBusinessOrder);
    case 'isPrime': return flag(order.isPrime);
    case 'purchaseOrderNumber': return order.buyer?.purchaseOrderNumber;
    case 'taxRegistrationNumber': return tax?.number;
    case 'taxRegistrationType': return tax?.type;
    case 'buyerCompanyName': return order.buyer?.companyName;
    case 'promotionIds': {
      const ids = [...new Set(order.lines.flatMap((l) => l.promotionIds))];
      return ids.length === 0 ? undefined : ids.join(',');
    }
    case 'orderTotal': return order.orderTotal;
    case 'currency': return order.currency;
    case 'latestShipDate': return order.latestShipDate;
    case 'latestDeliveryDate': return order.latestDeliveryDate;
    case 'serviceLevel': return order.serviceLevel;
    case 'iossNumber': return order.iossNumber;
  }
}

export function customFieldCalls(order: CanonicalOrder, fields: readonly CustomField[], company: Record<string, string>, issues: PlanIssue[]): M3Call[] {
  const groups = new Map<string, Record<string, string>>();
  for (const field of fields) {
    const raw = customFieldValue(order, field.attribute);
    if (raw === undefined || raw === '') continue;
    const value = fitValue(raw, field, issues);
    if (value === undefined) continue;
    const groupKey = `${field.file}|${field.key}`;
    let params = groups.get(groupKey);
    if (params === undefined) {
      params = { ...company, FILE: field.file };
      if (field.key === 'CUOR') params.PK01 = order.orderId;
      groups.set(groupKey, params);
    }
    params[field.field] = value;
  }
  return [...groups.values()].map((params) => ({ program: 'CUSEXTMI', transaction: 'AddFieldValue', params }));
}

function fitValue(raw: string, field: CustomField, issues: PlanIssue[]): string | undefined {
  if (field.field.startsWith('N')) {
    if (!/^-?\d{1,13}(\.\d{1,6})?$/.test(raw)) {
      issues.push({ code: 'CUSTOM_FIELD_SKIPPED', message: `${field.attribute} is not a number for numeric field ${field.field}: not sent` });
      return undefined;
    }
    return raw;
  }
  const max = field.field === 'A121' ? 120 : 30;
  const chars = [...raw];
  if (chars.length <= max) return raw;
  issues.push({ code: 'FIELD_SHORTENED', message: `${field.attribute} longer than ${field.field} (${max} characters): shortened` });
  return chars.slice(0, max).join('');
}
