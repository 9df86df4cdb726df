/** What the app registered through @azure/functions: captured by the functions-core stand-in, read by the local host. */

/** One binding as @azure/functions' toCoreFunctionMetadata describes it (type, direction, trigger options). */
export interface BindingMetadata {
  type: string;
  direction: 'in' | 'out';
  name: string;
  [option: string]: unknown;
}

export interface FunctionRegistration {
  name: string;
  bindings: Record<string, BindingMetadata>;
  retryOptions?: unknown;
  /** The handler exactly as the app (or durable-functions' wrapper) passed it to app.generic. */
  handler: (triggerInput: unknown, context: unknown) => unknown;
}

const registrations = new Map<string, FunctionRegistration>();
let programmingModel: unknown;

export function recordRegistration(registration: FunctionRegistration): void {
  if (registrations.has(registration.name)) {
    throw new Error(`function "${registration.name}" is registered twice`);
  }
  registrations.set(registration.name, registration);
}

export function recordProgrammingModel(model: unknown): void {
  programmingModel = model;
}

export function getProgrammingModel(): unknown {
  return programmingModel;
}

export function getRegistrations(): FunctionRegistration[] {
  return [...registrations.values()];
}

/** The trigger binding of a registration (the one whose type ends in "Trigger"). */
export function triggerOf(registration: FunctionRegistration): BindingMetadata {
  const trigger = Object.values(registration.bindings).find((b) => b.direction === 'in' && b.type.endsWith('Trigger'));
  if (!trigger) throw new Error(`function "${registration.name}" has no trigger binding`);
  return trigger;
}

/** Forget every registration, so a test can load a fresh app. */
export function clearRegistrations(): void {
  registrations.clear();
}
