/** Builds the InvocationContext a registered handler receives, as the worker would: options from the bindings, extra inputs filled. */
import { randomUUID } from 'node:crypto';
import { InvocationContext, type FunctionInput, type FunctionOutput, type FunctionTrigger, type TriggerMetadata } from '@azure/functions';
import type { BindingMetadata, FunctionRegistration } from './registrations';
import { invocationLogHandler, type LogSink } from './log-sink';

export interface InvocationServices {
  sink: LogSink;
  /** The durable engine's client data for `df.input.durableClient()` inputs; undefined when the app has no durable functions. */
  durableClientData?: () => unknown;
}

function asOption(binding: BindingMetadata): FunctionInput & FunctionOutput & FunctionTrigger {
  return { ...binding, name: binding.name, type: binding.type };
}

export function createInvocationContext(registration: FunctionRegistration, services: InvocationServices, triggerMetadata?: TriggerMetadata): InvocationContext {
  const invocationId = randomUUID();
  const bindings = Object.values(registration.bindings);
  const trigger = bindings.find((b) => b.direction === 'in' && b.type.endsWith('Trigger'));
  const extraInputs = bindings.filter((b) => b.direction === 'in' && b !== trigger);
  const context = new InvocationContext({
    invocationId,
    functionName: registration.name,
    triggerMetadata,
    logHandler: invocationLogHandler(services.sink, registration.name, invocationId),
    options: {
      trigger: trigger ? asOption(trigger) : { name: 'trigger', type: 'unknown' },
      return: registration.bindings.$return ? asOption(registration.bindings.$return) : undefined,
      extraInputs: extraInputs.map(asOption),
      extraOutputs: bindings.filter((b) => b.direction === 'out' && b.name !== '$return').map(asOption),
    },
  });
  for (const input of extraInputs) {
    if (input.type === 'durableClient' || input.type === 'orchestrationClient') {
      if (!services.durableClientData) throw new Error(`function "${registration.name}" asks for a durable client, but the host runs no durable engine`);
      context.extraInputs.set(input.name, services.durableClientData());
    }
  }
  return context;
}
