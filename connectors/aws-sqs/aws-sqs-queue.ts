/**
 * SqsQueue over @aws-sdk/client-sqs (AWS JSON 1.0 protocol). The client's endpoint is the queue URL's origin, so a
 * local SQS-compatible server works with the same code, and credentials come from settings or the SDK's default chain.
 */
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PermanentError } from '../../core/errors';
import { sqsError } from './sqs-errors';
import type { SqsMessage, SqsQueue, SqsReceiveOptions } from './sqs-queue';

export interface AwsSqsQueueOptions {
  queueUrl: string;
  /** Default: from the queue URL (`sqs.<region>.amazonaws.com`, legacy `<region>.queue.amazonaws.com`), else us-east-1. */
  region?: string;
  /** Both or neither; neither = the SDK's default credential chain (env, profile, role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Per-request socket timeout on top of the long poll (ms). */
  requestTimeoutMs?: number;
}

export function regionOfQueueUrl(url: URL): string | undefined {
  return /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(url.hostname)?.[1] ?? /^([a-z0-9-]+)\.queue\.amazonaws\.com(\.cn)?$/.exec(url.hostname)?.[1];
}

export class AwsSqsQueue implements SqsQueue {
  readonly name: string;
  private readonly client: SQSClient;
  private readonly queueUrl: string;

  constructor(opts: AwsSqsQueueOptions) {
    let url: URL;
    try {
      url = new URL(opts.queueUrl);
    } catch {
      throw new PermanentError('the SQS queue URL is not a URL', { code: 'InvalidQueueUrl', system: 'aws-sqs' });
    }
    this.queueUrl = url.toString();
    this.name = decodeURIComponent(url.pathname.split('/').filter(Boolean).at(-1) ?? url.hostname);
    this.client = new SQSClient({
      region: opts.region || regionOfQueueUrl(url) || 'us-east-1',
      // The queue URL's own host is SQS's endpoint for that queue; saying so also silences the SDK's endpoint warning.
      endpoint: url.origin,
      credentials: opts.credentials,
      maxAttempts: 1,
      requestHandler: { requestTimeout: opts.requestTimeoutMs ?? 30_000 },
    });
  }

  async receive(options: SqsReceiveOptions): Promise<SqsMessage[]> {
    try {
      const out = await this.client.send(new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(10, Math.max(1, Math.floor(options.maxMessages))),
        WaitTimeSeconds: Math.min(20, Math.max(0, Math.floor(options.waitSeconds))),
        VisibilityTimeout: options.visibilityTimeoutSeconds,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }), { abortSignal: options.abortSignal });
      return (out.Messages ?? []).flatMap((m) => {
        // A message without id or handle cannot be deleted; SQS always sends both, so skip rather than guess.
        if (!m.MessageId || !m.ReceiptHandle) return [];
        const count = Number(m.Attributes?.ApproximateReceiveCount ?? '1');
        return [{ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body ?? '', receiveCount: Number.isFinite(count) ? count : 1 }];
      });
    } catch (error) {
      throw sqsError(error, 'ReceiveMessage', this.name);
    }
  }

  async delete(receiptHandle: string): Promise<void> {
    try {
      await this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle }));
    } catch (error) {
      throw sqsError(error, 'DeleteMessage', this.name);
    }
  }

  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    try {
      await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: Math.max(0, Math.floor(seconds)) }));
    } catch (error) {
      throw sqsError(error, 'ChangeMessageVisibility', this.name);
    }
  }

  close(): void {
    this.client.destroy();
  }
}
