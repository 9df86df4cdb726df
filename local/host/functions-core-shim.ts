/**
 * Stands in for `@azure/functions-core`, the module the real Functions worker injects. @azure/functions calls
 * setProgrammingModel/registerFunction on it; without it the package drops every registration ("test mode").
 * Loaded by jest's moduleNameMapper and, in a host process, by install-core-shim.ts.
 */
import { recordProgrammingModel, recordRegistration, type BindingMetadata } from './registrations';

interface CoreFunctionMetadata {
  name: string;
  bindings: Record<string, Omit<BindingMetadata, 'name'> & { name?: string }>;
  retryOptions?: unknown;
}

export function setProgrammingModel(model: unknown): void {
  recordProgrammingModel(model);
}

export function registerFunction(metadata: CoreFunctionMetadata, handler: (triggerInput: unknown, context: unknown) => unknown): { dispose(): void } {
  const bindings: Record<string, BindingMetadata> = {};
  for (const [name, binding] of Object.entries(metadata.bindings)) {
    bindings[name] = { ...binding, name, direction: binding.direction === 'out' ? 'out' : 'in', type: String(binding.type) };
  }
  recordRegistration({ name: metadata.name, bindings, retryOptions: metadata.retryOptions, handler });
  return { dispose: () => undefined };
}

export function registerHook(_hookName: string, _callback: unknown): { dispose(): void } {
  return { dispose: () => undefined };
}

export function log(level: string, category: string, message: string): void {
  // The worker's own system log: only warnings and errors are worth showing locally.
  if (level === 'error' || level === 'warning') process.stderr.write(`[functions ${category} ${level}] ${message}\n`);
}
