/** Test harness: a strict SP-API simulator plus a connector client wired to it, and a skip guard when the official models are absent. */
import { InMemoryRateGovernor, LwaTokenProvider, SpApiClient } from '../../../connectors/amazon';
import { startAmazonSimulator, type AmazonSimulator, type AmazonSimulatorOptions } from '../../../local/sim/amazon/amazon-simulator';
import { modelsAvailable, defaultModelsDir, ModelValidator } from '../../../local/sim/amazon/model-validator';

/** `describe` when ../shared/spapi/models exists, else a skipped block that says why. */
export function describeWithModels(name: string, fn: () => void): void {
  if (modelsAvailable()) {
    describe(name, fn);
  } else {
    describe.skip(`${name} (skipped: SP-API models not found at ${defaultModelsDir()})`, fn);
  }
}

export interface Harness {
  sim: AmazonSimulator;
  lwa: LwaTokenProvider;
  governor: InMemoryRateGovernor;
  client: SpApiClient;
  validator: ModelValidator;
}

export async function startHarness(simOpts: AmazonSimulatorOptions = {}, clientOpts: { maxRetries?: number; governorScale?: number } = {}): Promise<Harness> {
  const timeScale = simOpts.timeScale ?? 1000;
  const sim = await startAmazonSimulator({ strict: true, ...simOpts, timeScale });
  const lwa = new LwaTokenProvider({ clientId: sim.clientId, clientSecret: sim.clientSecret, refreshToken: sim.refreshToken, tokenUrl: `${sim.url}/auth/o2/token` });
  const governor = new InMemoryRateGovernor({ timeScale: clientOpts.governorScale ?? timeScale, limits: simOpts.rateLimits });
  const client = new SpApiClient({
    sellerId: sim.sellerId, region: 'NA', endpoint: sim.url, lwa, governor, userAgent: 'm3-amazon-sync-test/0.1 (Language=TypeScript)',
    maxRetries: clientOpts.maxRetries ?? 3, backoffBaseMs: 1, backoffMaxMs: 5,
  });
  return { sim, lwa, governor, client, validator: new ModelValidator() };
}

export const ORDERS_MODEL = 'orders-api-model/orders_2026-01-01.json';
