/** Maps a Service Bus queue name onto Azure Storage queue names (lowercase letters, digits, single hyphens, 3–63 chars). */

const DEAD_LETTER_SUFFIX = '-deadletter';

/**
 * Service Bus allows upper case, dots and underscores (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules);
 * Storage queues do not (https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata), so both sides of the
 * local transport derive the same storage name here. Room is kept for the dead-letter suffix.
 */
export function storageQueueName(queue: string): string {
  const name = queue.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (name.length < 3 || name.length > 63 - DEAD_LETTER_SUFFIX.length || !/^[a-z0-9]/.test(name)) {
    throw new Error(`queue name "${queue}" cannot be mapped to an Azure Storage queue name (3–${63 - DEAD_LETTER_SUFFIX.length} chars of a-z, 0-9, -)`);
  }
  return name;
}

export function storageDeadLetterQueueName(queue: string): string {
  return `${storageQueueName(queue)}${DEAD_LETTER_SUFFIX}`;
}
