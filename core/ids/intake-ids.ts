/**
 * The shapes of the ids the intake accepts. Every id received becomes a queue message id (Service Bus: at most 128
 * characters), a table key (no `/ \ # ?`, no control characters) or part of an instance id, so one that does not fit is
 * refused at the door with a 400 naming the field, instead of failing later in a consumer. The rules describe the
 * shape only; a refusal never repeats the value.
 */
import { z } from 'zod';

/** Service Bus message ids are at most 128 characters; table keys allow more, so this is the binding limit. */
export const MAX_MESSAGE_ID_LENGTH = 128;

export interface IdRule {
  pattern: RegExp;
  /** What a valid id looks like, for the error message. */
  describes: string;
}

export const ID_RULES = {
  /** SP-API NotificationIds are UUIDs; relays and tests use short words with dashes. */
  notificationId: { pattern: /^[A-Za-z0-9._:-]{1,128}$/, describes: `1 to ${MAX_MESSAGE_ID_LENGTH} letters, digits, '.', '_', ':' or '-'` },
  /** Amazon merchant (selling partner) ids are short upper-case letters and digits. */
  sellerId: { pattern: /^[A-Za-z0-9]{1,32}$/, describes: '1 to 32 letters and digits' },
  /** Marketplace ids (ATVPDKIKX0DER, A1PA6795UKMFR9 …). */
  marketplaceId: { pattern: /^[A-Za-z0-9]{1,32}$/, describes: '1 to 32 letters and digits' },
  /** Feed, report and order item ids are numbers; documents ids `amzn1.tortuga.…` add dots and dashes. */
  amazonId: { pattern: /^[A-Za-z0-9._-]{1,128}$/, describes: `1 to ${MAX_MESSAGE_ID_LENGTH} letters, digits, '.', '_' or '-'` },
  /**
   * ION BODIDs look like `infor-nid:infor:100:AAA:0000012345:?Shipment&verb=Sync`: printable ASCII without spaces,
   * at most 128 (the queue message id).
   */
  bodId: { pattern: /^[\x21-\x7E]{1,128}$/, describes: `1 to ${MAX_MESSAGE_ID_LENGTH} printable ASCII characters without spaces` },
} as const satisfies Record<string, IdRule>;

export type IdKind = keyof typeof ID_RULES;

export function isValidId(kind: IdKind, value: string): boolean {
  return ID_RULES[kind].pattern.test(value);
}

/** A zod string of that id kind; the message says what is expected, never what was received. */
export function idSchema(kind: IdKind): z.ZodString {
  const rule = ID_RULES[kind];
  return z.string().regex(rule.pattern, `must be ${rule.describes}`);
}
