/** Buyers, delivery addresses, gift options and buyer tax registrations for generated orders, per marketplace. */
import type { SimMarketplace } from './marketplaces';
import { digits } from './sim-ids';

const NAMES = ['Jane Doe', 'Jürgen Müller', 'Zoë Ångström', 'François Lefèvre', '山田 太郎', 'María José Fernández-Núñez', 'Łukasz Wróbel', 'Seán Ó Briain', 'Ana Luísa Gonçalves', 'O\'Connor-Smythe, Bartholomew Alexander'];
const STREETS = ['Main Street', 'Hauptstraße', 'Rue de la Paix', 'Calle Mayor', '千代田', 'Via del Corso', 'Kerkstraat', 'Avenida Paulista'];
/** City, state or region, postal code per ISO country. */
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
  SE: [['Stockholm', 'Stockholms län', '111 52']],
  PL: [['Kraków', 'małopolskie', '31-042']],
  BE: [['Bruxelles', 'Bruxelles-Capitale', '1000']],
  IE: [['Dublin', 'Co. Dublin', 'D02 X285']],
  TR: [['İstanbul', 'İstanbul', '34430']],
  AE: [['Dubai', 'Dubai', '00000']],
  SA: [['Riyadh', 'Riyadh Province', '11564']],
  EG: [['Cairo', 'Cairo Governorate', '11511']],
  IN: [['Bengaluru', 'Karnataka', '560001']],
  ZA: [['Cape Town', 'Western Cape', '8001']],
  JP: [['千代田区', '東京都', '100-0001']],
  AU: [['Sydney', 'NSW', '2000']],
  SG: [['Singapore', 'Singapore', '018956']],
};
const GIFT_MESSAGES: Record<string, string> = { DE: 'Alles Gute zum Geburtstag! 🎉', FR: 'Joyeux anniversaire ! 🎉', JP: 'お誕生日おめでとう！🎉', ES: '¡Feliz cumpleaños! 🎉', IT: 'Buon compleanno! 🎉' };

export interface Place {
  city: string;
  state: string;
  postalCode: string;
  longAddress: boolean;
  name: string;
}

/** Where the order goes; drawn for every order (also pending ones) so a seed keeps giving the same orders. */
export function drawPlace(random: () => number, market: SimMarketplace, business: boolean): Place {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const [city, state, postalCode] = pick(CITIES[market.countryCode] ?? CITIES.US);
  // Long but deliverable: wraps over CUA1–CUA4 (4 × 36 characters) without dropping a word. Addresses that cannot
  // fit even wrapped are held for an operator (ADDRESS_TOO_LONG); specs build those on purpose.
  const longAddress = random() < 0.15 && !business;
  return { city, state, postalCode, longAddress, name: pick(NAMES) };
}

/** Buyer and recipient; Amazon leaves out the buyer's e-mail and phone on Amazon-fulfilled orders. */
export function partiesFor(random: () => number, market: SimMarketplace, place: Place, kind: { business: boolean; afn: boolean }): { buyer: Record<string, unknown>; recipient: Record<string, unknown> } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const email = `${digits(random, 12)}@marketplace.amazon.example`;
  const buyer: Record<string, unknown> = {
    buyerName: place.name,
    ...(kind.afn ? {} : { buyerEmail: email }),
    ...(kind.business ? { buyerCompanyName: 'Müller & Söhne GmbH', buyerPurchaseOrderNumber: `PO-${digits(random, 6)}` } : {}),
  };
  const street = `${1 + Math.floor(random() * 999)} ${pick(STREETS)}`;
  const phone = `+1 555 ${digits(random, 7)}`;
  const deliveryAddress: Record<string, unknown> = {
    name: place.name,
    ...(kind.business ? { companyName: 'Müller & Söhne Gesellschaft für Feinmechanik und Präzisionsoptik mbH' } : {}),
    addressLine1: place.longAddress ? `${street}, Hinterhaus, Aufgang C, 4. Obergeschoss links` : street,
    ...(place.longAddress ? { addressLine2: 'c/o Empfangsbüro, Gebäude 7' } : {}),
    city: place.city, stateOrRegion: place.state, postalCode: place.postalCode, countryCode: market.countryCode,
    ...(kind.afn ? {} : { phone }),
    addressType: kind.business ? 'COMMERCIAL' : 'RESIDENTIAL',
  };
  return { buyer, recipient: { deliveryAddress } };
}

export function giftOption(market: SimMarketplace): Record<string, unknown> {
  return { giftMessage: GIFT_MESSAGES[market.code] ?? GIFT_MESSAGES.DE, giftWrapLevel: 'Classic' };
}

/** The business buyer's registration: a VAT number where the marketplace has VAT ids, a business number elsewhere. */
export function taxRegistrationFor(random: () => number, market: SimMarketplace): Record<string, unknown> {
  return market.vatPrefix
    ? { entityType: 'BUYER', legalName: 'Müller & Söhne GmbH', taxRegistrationType: 'VAT', taxRegistrationNumber: `${market.vatPrefix}${digits(random, 9)}` }
    : { entityType: 'BUYER', legalName: 'Müller & Söhne GmbH', taxRegistrationType: 'BUSINESS', taxRegistrationNumber: digits(random, 10) };
}
