/** The canonical JSON every BOD becomes (docs/contracts.md, Canonical BOD JSON): `{ envelope, document }`, one variant per noun. */
import { z } from 'zod';
import { BodEnvelopeSchema } from './bod-envelope';
import { InventoryDocumentSchema } from './inventory';
import { ItemMasterDocumentSchema } from './item-master';
import { ShipmentDocumentSchema } from './shipment';
import { SalesOrderDocumentSchema } from './sales-order';

/**
 * A DataArea may carry several noun instances (OAGIS: `<Noun>` [1..*]). `document` is the first; `documents` (all of
 * them, in order) appears only when there is more than one, so the usual single-noun output stays exactly the canonical shape of docs/contracts.md.
 * Inventory nouns are merged into one document's lines instead, since each InventoryBalance is one line.
 */
export const ShipmentBodSchema = z.object({
  envelope: BodEnvelopeSchema.extend({ noun: z.literal('Shipment') }),
  document: ShipmentDocumentSchema,
  documents: z.array(ShipmentDocumentSchema).optional(),
});

export const ItemMasterBodSchema = z.object({
  envelope: BodEnvelopeSchema.extend({ noun: z.literal('ItemMaster') }),
  document: ItemMasterDocumentSchema,
  documents: z.array(ItemMasterDocumentSchema).optional(),
});

export const InventoryBodSchema = z.object({
  envelope: BodEnvelopeSchema.extend({ noun: z.enum(['InventoryCount', 'InventoryBalance', 'Inventory']) }),
  document: InventoryDocumentSchema,
});

export const SalesOrderBodSchema = z.object({
  envelope: BodEnvelopeSchema.extend({ noun: z.literal('SalesOrder') }),
  document: SalesOrderDocumentSchema,
  documents: z.array(SalesOrderDocumentSchema).optional(),
});

export const CanonicalBodSchema = z.union([ShipmentBodSchema, ItemMasterBodSchema, InventoryBodSchema, SalesOrderBodSchema]);

export type ShipmentBod = z.infer<typeof ShipmentBodSchema>;
export type ItemMasterBod = z.infer<typeof ItemMasterBodSchema>;
export type InventoryBod = z.infer<typeof InventoryBodSchema>;
export type SalesOrderBod = z.infer<typeof SalesOrderBodSchema>;
export type CanonicalBod = z.infer<typeof CanonicalBodSchema>;

// TypeScript does not narrow a union on a nested field (`bod.envelope.noun`), hence these guards.
export function isShipmentBod(bod: CanonicalBod): bod is ShipmentBod {
  return bod.envelope.noun === 'Shipment';
}

export function isItemMasterBod(bod: CanonicalBod): bod is ItemMasterBod {
  return bod.envelope.noun === 'ItemMaster';
}

export function isInventoryBod(bod: CanonicalBod): bod is InventoryBod {
  return bod.envelope.noun === 'InventoryCount' || bod.envelope.noun === 'InventoryBalance' || bod.envelope.noun === 'Inventory';
}

export function isSalesOrderBod(bod: CanonicalBod): bod is SalesOrderBod {
  return bod.envelope.noun === 'SalesOrder';
}
