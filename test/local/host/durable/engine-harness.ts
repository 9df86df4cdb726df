/** Test harness: a local durable engine over the shared Azurite, built from the test file's df.app registrations. */
import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { LocalDurableEngine, registryFromRegistrations, type Clock } from '../../../../local/host/durable';
import { getRegistrations } from '../../../../local/host/registrations';
import { azuriteConnectionString, uniqueName } from '../../../support/storage';

export interface Harness {
  engine: LocalDurableEngine;
  client: df.DurableClient;
  taskHub: string;
  logs: Array<Record<string, unknown>>;
}

/** A durable client exactly as a function with `extraInputs: [df.input.durableClient()]` gets it. */
export function clientFor(engine: LocalDurableEngine): df.DurableClient {
  const clientInput = df.input.durableClient();
  const context = new InvocationContext({ functionName: 'test-client', options: { extraInputs: [clientInput] } });
  context.extraInputs.set(clientInput, engine.clientInputData());
  return df.getClient(context);
}

export async function startHarness(options: { clock?: Clock; taskHub?: string } = {}): Promise<Harness> {
  const taskHub = options.taskHub ?? uniqueName('hub');
  const logs: Array<Record<string, unknown>> = [];
  const engine = new LocalDurableEngine({
    connectionString: azuriteConnectionString(),
    taskHub,
    registry: registryFromRegistrations(getRegistrations()),
    clock: options.clock,
    log: (entry) => logs.push(entry),
  });
  await engine.start();
  return { engine, client: clientFor(engine), taskHub, logs };
}
