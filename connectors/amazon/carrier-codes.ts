/** Amazon carrier codes accepted in confirmShipment `carrierCode` (a subset of Amazon's carrier list; anything else goes as `Other` + carrierName, Docs "Confirm the shipment status", docs/amazon-facts.md). */

export const AMAZON_CARRIER_CODES: readonly string[] = [
  'USPS', 'UPS', 'UPSMI', 'FedEx', 'FedEx SmartPost', 'DHL', 'DHL eCommerce', 'DHL Express', 'OnTrac', 'LaserShip',
  'Amazon Shipping', 'Canada Post', 'Purolator', 'Estafeta', 'Correios', 'Royal Mail', 'Parcelforce', 'Evri', 'Hermes',
  'Yodel', 'DPD', 'GLS', 'Deutsche Post', 'Hermes Einrichtungsservice', 'Colissimo', 'Chronopost', 'La Poste',
  'Poste Italiane', 'BRT', 'SDA', 'SEUR', 'Correos', 'MRW', 'Nacex', 'PostNL', 'Yamato Transport', 'Sagawa Express',
  'Japan Post', 'Seino Transportation', 'Fukuyama Transporting', 'TNT', 'Other',
];

/** True when Amazon accepts the code as written (exact match, as Amazon compares it). */
export function isAmazonCarrierCode(code: string): boolean {
  return AMAZON_CARRIER_CODES.includes(code);
}
