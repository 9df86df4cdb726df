/**
 * Customer policy per buyer: the M3 customer number is derived from the buyer's identity (Amazon's buyer e-mail — a
 * stable, anonymised relay address per buyer and seller — or name + postal code + country), so
 * - the same buyer always gets the same customer (the number *is* the lookup: no search index needed in M3), and
 * - CRS610MI.Add is idempotent: a retry after a crash between Add and our link write finds the customer it made
 *   ("already exists" → GetBasicData) instead of creating a second one.
 * CUNO is A10 (docs/m3-facts.md, CRS610MI customers: a short prefix + base32 of SHA-256 — 40 bits with the default 2-character
 * prefix. A collision (or a customer under that number that is not ours) is recognised on "already exists" by comparing
 * identities, and that buyer's customer is then numbered by M3: never merged with another buyer's.
 * Only the number leaves M3 (links table: no e-mail, no name).
 */
import { createHash } from 'node:crypto';

export type BuyerMatch = 'email' | 'name-postal-code';

/** M3 CUNO length. */
export const CUNO_LENGTH = 10;
/** CRS610MI.Add MAIL length (docs/m3-facts.md, Field lengths and formats). */
export const MAIL_LENGTH = 50;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function normalized(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The normalised identity a number is derived from, read from M3 customer fields — what CRS610MI.Add writes and
 * GetBasicData reads back — so the number a plan derives and the check on an existing customer compare the same thing.
 * Undefined when the fields do not carry it (no e-mail that fits MAIL; no name or postal code).
 */
export function buyerIdentity(fields: Readonly<Record<string, string | undefined>>, match: BuyerMatch): string | undefined {
  if (match === 'email') {
    const email = normalized(fields.MAIL);
    return email.includes('@') ? `email:${email}` : undefined;
  }
  const name = normalized(fields.CUNM);
  const postal = normalized(fields.PONO).replace(/[\s-]/g, '');
  const country = normalized(fields.CSCD);
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
