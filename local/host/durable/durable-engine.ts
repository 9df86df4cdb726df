/** The local Durable Functions engine: replays the real durable-functions library against history kept in Azure tables. */
import type { DurableEngine, DurableEngineOptions } from './engine-options';

export function createDurableEngine(_options: DurableEngineOptions): DurableEngine {
  throw new Error('durable engine: not implemented yet');
}
