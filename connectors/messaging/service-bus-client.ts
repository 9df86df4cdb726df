/** Creates the Service Bus client from a connection string or, identity-based, from the namespace + DefaultAzureCredential. */
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { DefaultAzureCredential } from '@azure/identity';

export type ServiceBusConnection = { connectionString: string } | { fullyQualifiedNamespace: string };

export function createServiceBusClient(connection: ServiceBusConnection): ServiceBusClient {
  if ('connectionString' in connection) return new ServiceBusClient(connection.connectionString);
  // Identity-based connection (`ServiceBusConnection__fullyQualifiedNamespace`), as the Functions extension supports it.
  return new ServiceBusClient(connection.fullyQualifiedNamespace, new DefaultAzureCredential());
}

/** Application properties may hold dates, nulls and numbers in AMQP; the port carries only strings, numbers and booleans. */
export function portableProperties(message: ServiceBusReceivedMessage): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(message.applicationProperties ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (value instanceof Date) out[key] = value.toISOString();
  }
  return out;
}

export function messageIdOf(message: ServiceBusReceivedMessage): string {
  const id = message.messageId;
  if (id === undefined) return '';
  return Buffer.isBuffer(id) ? id.toString('hex') : String(id);
}
