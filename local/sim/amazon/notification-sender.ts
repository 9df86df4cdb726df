/** Delivers notifications to the app's intake URL as Amazon's SQS would (an SQS message with the notification JSON in `Body`) or raw, with `x-api-key`. */
import { randomUUID, createHash } from 'node:crypto';
import axios from 'axios';

export type NotificationEnvelope = 'sqs' | 'raw';

export interface NotificationSenderOptions {
  notifyUrl?: string;
  notifyApiKey?: string;
  envelope?: NotificationEnvelope;
}

export class NotificationSender {
  sent = 0;
  failed = 0;
  /** Every notification produced (delivered or not), newest last; tests read it in process. */
  readonly log: unknown[] = [];
  private pending = new Set<Promise<void>>();

  constructor(private readonly opts: NotificationSenderOptions) {}

  /** Points deliveries at another endpoint (the sandbox learns the app's port only once the host listens). */
  setNotifyUrl(url: string | undefined): void {
    this.opts.notifyUrl = url;
  }

  /** Fire-and-forget: the simulated API answers without waiting, like Amazon. */
  send(notification: unknown): void {
    this.log.push(notification);
    if (this.log.length > 1000) this.log.shift();
    const url = this.opts.notifyUrl;
    if (!url) return;
    const text = JSON.stringify(notification);
    const payload = this.opts.envelope === 'raw' ? text : JSON.stringify(sqsMessage(text));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.opts.notifyApiKey) headers['x-api-key'] = this.opts.notifyApiKey;
    const p = axios.post(url, payload, { headers, timeout: 10000, validateStatus: () => true })
      .then((res) => { if (res.status >= 200 && res.status < 300) this.sent += 1; else this.failed += 1; })
      .catch(() => { this.failed += 1; })
      .finally(() => { this.pending.delete(p); });
    this.pending.add(p);
  }

  /** Resolves when every in-flight delivery has finished. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

/** The shape of an SQS ReceiveMessage entry (MessageId, ReceiptHandle, MD5OfBody, Body). */
function sqsMessage(body: string): Record<string, string> {
  return {
    MessageId: randomUUID(),
    ReceiptHandle: `sim-${randomUUID()}`,
    MD5OfBody: createHash('md5').update(body).digest('hex'),
    Body: body,
  };
}
