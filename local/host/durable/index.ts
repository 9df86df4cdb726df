/** Public surface of the local Durable engine (used by the local host shell and by tests). */
export { RealClock, VirtualClock, type Clock } from './clock';
export { registryFromRegistrations, type DurableRegistry, type Handler } from './registry-from-registrations';
export type { DurableEngine, DurableEngineOptions } from './engine-options';
export { createDurableEngine, LocalDurableEngine } from './durable-engine';
