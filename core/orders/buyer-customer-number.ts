/**
 * Customer policy per buyer: the M3 customer number is derived from the buyer's identity (Amazon's buyer e-mail — a
 * stable, anonymised relay address per buyer and seller — or name + postal code + country), so
 * - the same buyer always gets the same customer (the number *is* the lookup: no search index needed in M3), and
 * - CRS610MI.Add is idempotent: a retry after a crash between Add and our link write finds the customer it made
 *   ("already exists" → GetBasicData) instead of creating a second one.
 * CUNO is A10 (research/m3/FACTS.md §3.4): a short prefix + base32 of SHA-256 (45 bits with a 1-character prefix; a
 * collision is detected on "already exists" by comparing the stored identity, and parked — never merged silently).
 * Neither the number nor anything derived from it leaves M3 except the number itself (links table: no e-mail, no name).
 */
import { createHash } from 'node:crypto';
import type { CanonicalOrder } from './canonical-order';

export type BuyerMatch = 'email' | 'name-postal-code';

/** M3 CUNO length. */
export const CUNO_LENGTH = 10;
/** CRS610MI.Add MAIL length (FIELDS §CRS610MI.Add). */
export const MAIL_LENGTH = 50;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function normalized(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The normalised identity the number is derived from; undefined when the order does not carry it (no buyer data). */
export function buyerIdentity(order: CanonicalOrder, match: BuyerMatch): string | undefined {
  if (match === 'email') {
    const email = normalized(order.buyer?.email);
    return email.includes('@') ? `email:${email}` : undefined;
  }
  const name = normalized(order.buyer?.name) || normalized(order.shipTo?.name);
  const postal = normalized(order.shipTo?.postalCode).replace(/[\s-]/g, '');
  const country = normalized(order.shipTo?.countryCode);
  return name && postal ? `name:${name}|${postal}|${country}` : undefined;
}

export function buyerCustomerNumber(identity: string, prefix: string): string {
  const digest = createHash('sha256').update(identity, 'utf8').digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && prefix.length + out.length < CUNO_LENGTH) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (prefix.length + out.length >= CUNO_LENGTH) break;
  }
  return prefix + out;
}
