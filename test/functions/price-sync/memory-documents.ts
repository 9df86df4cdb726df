/** Blob documents in memory for the price specs: the same read/update/names contract the price store uses in Azure. */
import type { z } from 'zod';
import type { PriceDocuments } from '../../../functions/price-sync/price-stores';

export function memoryDocuments(): PriceDocuments {
  const docs = new Map<string, string>();
  return {
    async read<T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: () => T) {
      const text = docs.get(name);
      return { value: text === undefined ? empty() : schema.parse(JSON.parse(text)) };
    },
    async update<T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: () => T, change: (value: T) => boolean) {
      const text = docs.get(name);
      const value = text === undefined ? empty() : schema.parse(JSON.parse(text));
      if (change(value)) docs.set(name, JSON.stringify(value));
    },
    async names(prefix: string) { return [...docs.keys()].filter((n) => n.startsWith(prefix)).sort(); },
  } as PriceDocuments;
}
