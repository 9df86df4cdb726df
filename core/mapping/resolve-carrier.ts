/** M3 forwarding agent / delivery method → Amazon carrier code, name and shipping method (unknown → `Other` + name). */
import type { Mappings } from './mappings-schema';

export interface AmazonCarrier {
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
}

/**
 * Amazon rejects a `carrierCode` that is not on its list; `Other` with a `carrierName` is always accepted
 * (docs/amazon-facts.md, Shipment confirmation, docs/amazon-facts.md"CarrierCode mandatory").
 */
export function resolveCarrier(mappings: Mappings, m3: { code?: string; name?: string; service?: string }): AmazonCarrier {
  const agents = mappings.carriers.forwardingAgents;
  const code = m3.code?.trim() ?? '';
  const key = Object.keys(agents).find((k) => k.toUpperCase() === code.toUpperCase());
  const methods = mappings.carriers.deliveryMethods;
  const serviceKey = m3.service === undefined ? undefined : Object.keys(methods).find((k) => k.toUpperCase() === m3.service?.trim().toUpperCase());
  const shippingMethod = serviceKey !== undefined ? methods[serviceKey] : m3.service?.trim() || undefined;
  if (code !== '' && key !== undefined) {
    const target = agents[key];
    return { carrierCode: target.carrierCode, carrierName: target.carrierName, shippingMethod: target.shippingMethod ?? shippingMethod };
  }
  const name = m3.name?.trim() || code || 'Unknown';
  return { carrierCode: mappings.carriers.fallbackCode, carrierName: name, shippingMethod };
}
