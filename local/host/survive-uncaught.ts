/**
 * In Azure a function that throws outside its promise (an 'error' event nobody listens for, a throw in a timer) kills
 * the language worker, and the Functions host logs it and starts a new one: the app keeps answering. The local host
 * is one process, so it does the same in-process: it logs the error and keeps serving instead of exiting. Every
 * durable instance resumes from its history either way.
 */
import { hostLog, type LogSink } from './log-sink';

export function surviveUncaughtErrors(sink: LogSink): void {
  const log = (kind: string) => (error: unknown): void => {
    hostLog(sink, 'error', `${kind} in a function, logged and survived (Azure would restart the worker): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  };
  process.on('uncaughtException', log('uncaught exception'));
  process.on('unhandledRejection', log('unhandled rejection'));
}
