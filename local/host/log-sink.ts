/** Where the host's and the functions' logs go: one JSON object per line (stdout in a process, an array in tests). */
import { format } from 'node:util';

export interface LogEntry {
  time: string;
  level: string;
  message: string;
  function?: string;
  invocationId?: string;
  [field: string]: unknown;
}

export type LogSink = (entry: LogEntry) => void;

export function streamSink(stream: NodeJS.WritableStream = process.stdout): LogSink {
  return (entry) => { stream.write(`${JSON.stringify(entry)}\n`); };
}

/** Collects entries for assertions. */
export function memorySink(): LogSink & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const sink = ((entry: LogEntry) => { entries.push(entry); }) as LogSink & { entries: LogEntry[] };
  sink.entries = entries;
  return sink;
}

/** The InvocationContext log handler: context.log/info/warn/error → one entry with the function and invocation id. */
export function invocationLogHandler(sink: LogSink, functionName: string, invocationId: string): (level: string, ...args: unknown[]) => void {
  return (level, ...args) => sink({ time: new Date().toISOString(), level, function: functionName, invocationId, message: format(...args) });
}

export function hostLog(sink: LogSink, level: 'information' | 'warning' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  sink({ time: new Date().toISOString(), level, message, ...fields });
}
