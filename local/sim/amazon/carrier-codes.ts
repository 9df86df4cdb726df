/**
 * Carrier codes Amazon accepts in confirmShipment `carrierCode` — the simulator's own list, a subset of Amazon's carrier
 * list (Seller Central "carrier codes", the CarrierCode values of the OrderFulfillment feed). The Orders v0 model does
 * not enumerate them; it says a carrier outside the list goes as "Other" with `carrierName`.
 */

const ACCEPTED: ReadonlySet<string> = new Set([
  'USPS', 'UPS', 'UPSMI', 'FedEx', 'FedEx SmartPost', 'DHL', 'DHL eCommerce', 'DHL Express', 'OnTrac', 'LaserShip',
  'Amazon Shipping', 'Canada Post', 'Purolator', 'Estafeta', 'Correios', 'Royal Mail', 'Parcelforce', 'Evri', 'Hermes',
  'Yodel', 'DPD', 'GLS', 'Deutsche Post', 'Hermes Einrichtungsservice', 'Colissimo', 'Chronopost', 'La Poste',
  'Poste Italiane', 'BRT', 'SDA', 'SEUR', 'Correos', 'MRW', 'Nacex', 'PostNL', 'Bpost', 'PostNord', 'InPost',
  'Australia Post', 'Singapore Post', 'Blue Dart', 'Delhivery', 'Aramex', 'Yamato Transport', 'Sagawa Express',
  'Japan Post', 'Seino Transportation', 'Fukuyama Transporting', 'TNT', 'Other',
]);

/** Exact match, as Amazon compares the code. */
export function isAcceptedCarrierCode(code: string): boolean {
  return ACCEPTED.has(code);
}
