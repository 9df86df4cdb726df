/**
 * Inventory BODs → canonical inventory lines (docs/contracts.md, Canonical BOD JSON). M3 publishes Sync.InventoryCount (header + count
 * lines); OAGIS Sync.InventoryBalance repeats the noun once per item × location; root SyncInventory is read with the
 * same inner structure (docs/m3-facts.md, BOD structure per noun). One reader handles all three shapes.
 */
import { z } from 'zod';
import { BodNode, missing } from './bod-node';
import { parseQuantity } from './bod-values';
import { readVariation } from './bod-variation';

export const InventoryLineSchema = z.object({
  itemNumber: z.string(),
  warehouse: z.string().nullable(),
  /** The available figure when the BOD carries one, else the counted / on-hand quantity. */
  quantity: z.number(),
  unit: z.string().nullable(),
  onHand: z.number().optional(),
  allocated: z.number().nonnegative().optional(),
  available: z.number().optional(),
});

export const InventoryDocumentSchema = z.object({
  id: z.string().optional(),
  variationId: z.number().int().nonnegative().optional(),
  lines: z.array(InventoryLineSchema),
});

export type InventoryLine = z.infer<typeof InventoryLineSchema>;
export type InventoryDocument = z.infer<typeof InventoryDocumentSchema>;

const HEADERS = ['InventoryCountHeader', 'InventoryHeader', 'InventoryBalanceHeader'];
const LINES = ['InventoryCountLine', 'InventoryLine', 'InventoryBalanceLine', 'InventoryBalance'];

function quantityOf(line: BodNode, name: string, allowNegative: boolean): { value: number; unit: string | null } | undefined {
  const node = line.child(name);
  const text = node?.text();
  if (node === undefined || !text) return undefined;
  return { value: parseQuantity(text, node.path, { allowNegative }), unit: node.attr('unitCode')?.trim() || null };
}

/** `isBalance`: the line's Quantity is the system on-hand (InventoryBalance), not a count result. */
function readLine(line: BodNode, isBalance: boolean, fallbackWarehouse: string | null): InventoryLine {
  const itemNumber = line.textOf('Item', 'ItemID', 'ID') ?? line.textOf('ItemID', 'ID');
  if (itemNumber === null) throw missing(`${line.path}/Item/ItemID/ID`);
  const counted = quantityOf(line, 'Quantity', false);
  const onHandElement = quantityOf(line, 'OnHandQuantity', false);
  // Available may be negative when M3 has allocated more than it holds; the sync clamps it, the reader reports it.
  const available = quantityOf(line, 'AvailableQuantity', true);
  const allocated = quantityOf(line, 'AllocatedQuantity', false);
  const onHand = onHandElement ?? (isBalance ? counted : undefined);
  const quantity = available ?? counted ?? onHand;
  if (quantity === undefined) throw missing(`${line.path}/Quantity`);
  return {
    itemNumber,
    warehouse: line.textOf('Facility', 'IDs', 'ID') ?? line.textOf('Facility', 'ID') ?? line.textOf('WarehouseLocation', 'ID') ?? fallbackWarehouse,
    quantity: quantity.value,
    unit: counted?.unit ?? available?.unit ?? onHand?.unit ?? line.textOf('StorageUOMCode'),
    ...(onHand === undefined ? {} : { onHand: onHand.value }),
    ...(allocated === undefined ? {} : { allocated: allocated.value }),
    ...(available === undefined ? {} : { available: available.value }),
  };
}

/** Reads every noun instance of the DataArea into one document; `fallbackWarehouse` is the verb area's LocationID. */
export function readInventory(nouns: BodNode[], fallbackWarehouse: string | null): InventoryDocument {
  let id: string | undefined;
  let variationId: number | undefined;
  const lines: InventoryLine[] = [];
  for (const noun of nouns) {
    const header = HEADERS.map((h) => noun.child(h)).find((h) => h !== undefined);
    const headerId = header?.textOf('DocumentID', 'ID') ?? null;
    if (id === undefined && header !== undefined && headerId !== null) {
      id = headerId;
      variationId = readVariation(header.child('DocumentID')) ?? undefined;
    }
    const nested = LINES.flatMap((name) => noun.children(name));
    if (nested.length > 0) {
      for (const line of nested) lines.push(readLine(line, noun.name === 'InventoryBalance' || line.name.startsWith('InventoryBalance'), fallbackWarehouse));
    } else if (noun.child('Item') !== undefined || noun.child('ItemID') !== undefined) {
      lines.push(readLine(noun, noun.name === 'InventoryBalance', fallbackWarehouse));
    }
  }
  return {
    ...(id === undefined ? {} : { id }),
    ...(variationId === undefined ? {} : { variationId }),
    lines,
  };
}
