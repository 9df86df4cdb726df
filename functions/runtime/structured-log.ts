/**
 * Structured, PII-free log lines with correlation ids (notification id, BOD id, Amazon order id, M3 order number,
 * instance id). Callers pass only ids and codes: never payloads, names, addresses, phones or emails.
 */
export interface Correlation {
  notificationId?: string;
  bodId?: string;
  amazonOrderId?: string;
  m3OrderNumber?: string;
  instanceId?: string;
  sellerId?: string;
  flow?: string;
}

export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogFields = Correlation & Record<string, string | number | boolean | undefined>;

export function logEvent(sink: LogSink, level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ event, ...fields });
  sink[level](line);
}
