/** Public surface of the local Functions host (the durable engine has its own surface in ./durable). */
export { startLocalHost, type LocalHost, type LocalHostOptions } from './local-host';
export { resolveAppFiles, loadAppFiles, expandGlob } from './app-files';
export { readHostConfig, type HostConfig } from './host-config';
export { memorySink, streamSink, type LogEntry, type LogSink } from './log-sink';
export { installCoreShim } from './install-core-shim';
export { parseSchedule, type Schedule } from './ncrontab';
export type { HostKeys, AuthLevel } from './function-keys';
