/**
 * Delivers notifications to the app's intake URL as Amazon's SQS would (an SQS message with the notification JSON in
 * `Body`) or raw, with `x-api-key`. A delivery the app did not accept (timeout, dropped connection, 408, 429, 5xx) is
 * sent again with backoff, as SQS redelivers a message nobody deleted and an EventBridge API destination retries
 * (EventBridge and SQS retry 5xx/429 with exponential backoff); a 4xx other than 408/429 is final.
 */
import { randomUUID, createHash } from 'node:crypto';
import axios from 'axios';

export type NotificationEnvelope = 'sqs' | 'raw';

export interface NotificationSenderOptions {
  notifyUrl?: string;
  notifyApiKey?: string;
  envelope?: NotificationEnvelope;
  /** Deliveries per notification before it counts as failed (default 6). */
  maxAttempts?: number;
  /** First redelivery delay in real milliseconds, doubled per attempt (default 200). */
  retryDelayMs?: number;
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export class NotificationSender {
  sent = 0;
  /** Notifications given up on (every attempt refused or a non-retryable 4xx). */
  failed = 0;
  /** Deliveries sent again after a refusal. */
  redelivered = 0;
  /** Every notification produced (delivered or not), newest last; tests read it in process. */
  readonly log: unknown[] = [];
  private pending = new Set<Promise<void>>();
  private closing = false;
  private readonly sleeping = new Set<() => void>();

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
    const maxAttempts = this.opts.maxAttempts ?? 6;
    const deliver = async (): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        let status = 0;
        try {
          status = (await axios.post(url, payload, { headers, timeout: 10000, validateStatus: () => true })).status;
        } catch {
          status = 0; // timeout or dropped connection: nobody deleted the message
        }
        if (status >= 200 && status < 300) { this.sent += 1; return; }
        if ((status !== 0 && !retryable(status)) || attempt >= maxAttempts || this.closing) { this.failed += 1; return; }
        this.redelivered += 1;
        await new Promise<void>((resolve) => {
          const wake = (): void => { clearTimeout(timer); this.sleeping.delete(wake); resolve(); };
          const timer = setTimeout(wake, (this.opts.retryDelayMs ?? 200) * 2 ** (attempt - 1));
          this.sleeping.add(wake);
        });
        if (this.closing) { this.failed += 1; return; } // woken by stopRetrying: no POST to an app being torn down
      }
    };
    const p: Promise<void> = deliver().finally(() => { this.pending.delete(p); });
    this.pending.add(p);
  }

  /** The simulator is closing: deliveries still failing are given up at once instead of waiting out their backoff. */
  stopRetrying(): void {
    this.closing = true;
    for (const wake of this.sleeping) wake();
  }

  /** Resolves when every in-flight delivery has finished. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
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
