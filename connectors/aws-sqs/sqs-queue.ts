/** The SQS port the notification poller needs: receive with long polling, delete after success, hand a message back early. */

/** One received message; `body` is the SQS `Body` (for SP-API notifications: the notification JSON, docs/amazon-facts.md, Notifications). */
export interface SqsMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  /** `ApproximateReceiveCount`: 1 on the first receive. */
  receiveCount: number;
}

export interface SqsReceiveOptions {
  /** 1–10 (SQS ReceiveMessage limit). */
  maxMessages: number;
  /** Long poll: 0–20 seconds (SQS ReceiveMessage limit). */
  waitSeconds: number;
  /** How long received messages stay invisible to other consumers; the queue's default when omitted. */
  visibilityTimeoutSeconds?: number;
  abortSignal?: AbortSignal;
}

export interface SqsQueue {
  /** The queue's name (last path segment of its URL), for logs and parked items. */
  readonly name: string;
  /** Throws TransientError / AuthError / PermanentError (connectors raise only these). */
  receive(options: SqsReceiveOptions): Promise<SqsMessage[]>;
  delete(receiptHandle: string): Promise<void>;
  /** Makes the message visible again after `seconds` (0 = now). */
  changeVisibility(receiptHandle: string, seconds: number): Promise<void>;
}
