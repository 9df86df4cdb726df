/** Builds the durable engine's registry (orchestrators, activities, entities by name) from the captured registrations. */
import { triggerOf, type FunctionRegistration } from '../registrations';

export type Handler = (triggerInput: unknown, context: unknown) => unknown;

export interface DurableRegistry {
  orchestrations: Map<string, Handler>;
  activities: Map<string, Handler>;
  entities: Map<string, Handler>;
}

export function registryFromRegistrations(registrations: FunctionRegistration[]): DurableRegistry {
  const registry: DurableRegistry = { orchestrations: new Map(), activities: new Map(), entities: new Map() };
  for (const registration of registrations) {
    const type = triggerOf(registration).type;
    // The Durable extension matches function names case-insensitively; we keep the registered spelling and look up lowercased.
    if (type === 'orchestrationTrigger') registry.orchestrations.set(registration.name, registration.handler);
    else if (type === 'activityTrigger') registry.activities.set(registration.name, registration.handler);
    else if (type === 'entityTrigger') registry.entities.set(registration.name, registration.handler);
  }
  return registry;
}

/** The handler registered under `name`: the exact spelling first, else case-insensitively (as the Durable extension matches). */
export function findHandler(handlers: Map<string, Handler>, name: string): Handler | undefined {
  const exact = handlers.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, handler] of handlers) if (key.toLowerCase() === lower) return handler;
  return undefined;
}
