/**
 * The wire format between StorageQueueSender and the local host's Service Bus trigger (Azure Storage queues stand in
 * for Service Bus locally, docs/design.md, Local runtime and simulators):
 *
 *   message text = base64( UTF-8 JSON of the envelope )
 *   envelope     = { "v": 1, "messageId", "body" (any JSON), "applicationProperties" {}, "enqueuedTimeUtc" (ISO-8601) }
 *   dead letter  = envelope + { "deliveryCount", "deadLetterReason", "deadLetterErrorDescription", "deadLetteredTimeUtc" }
 *                  in the queue `<queue>-deadletter`
 *
 * Base64 because the Functions storage-queue trigger decodes base64 by default (host.json `queues.messageEncoding`),
 * so the same messages stay readable by a real `app.storageQueue` trigger and by Storage Explorer.
 * A message text is limited to 64 KiB (https://learn.microsoft.com/rest/api/storageservices/put-message), i.e.
 * about 48 KiB of envelope JSON; larger payloads must go through a claim check (connectors/storage).
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';

const PropertyValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const EnvelopeSchema = z.object({
  v: z.literal(1),
  messageId: z.string().min(1),
  body: z.unknown(),
  applicationProperties: z.record(PropertyValueSchema).default({}),
  enqueuedTimeUtc: z.string(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

export const DeadLetterEnvelopeSchema = EnvelopeSchema.extend({
  deliveryCount: z.number().int().nonnegative(),
  deadLetterReason: z.string(),
  deadLetterErrorDescription: z.string(),
  deadLetteredTimeUtc: z.string(),
});
export type DeadLetterEnvelope = z.infer<typeof DeadLetterEnvelopeSchema>;

/** Azure Storage's limit on one message's text. */
export const STORAGE_MESSAGE_MAX_BYTES = 64 * 1024;

export function encodeEnvelope(envelope: Envelope | DeadLetterEnvelope): string {
  const text = Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64');
  if (text.length > STORAGE_MESSAGE_MAX_BYTES) {
    throw new PermanentError(
      `message ${envelope.messageId} is ${text.length} bytes on the wire, over the 64 KiB queue message limit: send a claim-check reference instead`,
      { code: 'MESSAGE_TOO_LARGE', system: 'messaging', details: { messageId: envelope.messageId, bytes: text.length, limit: STORAGE_MESSAGE_MAX_BYTES } },
    );
  }
  return text;
}

/** Decodes a message text; a message that is not our envelope (written by another tool) is still delivered, keyed by the queue's id. */
export function decodeEnvelope(text: string, fallback: { messageId: string; enqueuedTimeUtc: string }): Envelope {
  const json = parseJson(decodeBase64(text) ?? text);
  const parsed = EnvelopeSchema.safeParse(json.ok ? json.value : undefined);
  if (parsed.success) return parsed.data;
  return { v: 1, messageId: fallback.messageId, body: json.ok ? json.value : decodeBase64(text) ?? text, applicationProperties: {}, enqueuedTimeUtc: fallback.enqueuedTimeUtc };
}

export function decodeDeadLetter(text: string): DeadLetterEnvelope | undefined {
  const json = parseJson(decodeBase64(text) ?? text);
  const parsed = DeadLetterEnvelopeSchema.safeParse(json.ok ? json.value : undefined);
  return parsed.success ? parsed.data : undefined;
}

/** The text as base64 decoding gives it, or undefined when it is not base64 (the trigger accepts plain text too). */
export function decodeBase64(text: string): string | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
