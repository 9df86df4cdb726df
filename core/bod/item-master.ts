/**
 * Sync.ItemMaster → canonical item (docs/contracts.md, Canonical BOD JSON), from ItemMasterHeader (docs/m3-facts.md, BOD structure per noun).
 * OAGIS has no weight element on an item, so weights come from Specification/Property/NameValue (Infor's
 * name/value extension) or, if a sender adds them, Net/GrossWeightMeasure; dimensions from (Unit)Packaging/Dimensions.
 */
import { z } from 'zod';
import { BodNode, missing } from './bod-node';
import { parseQuantity } from './bod-values';
import { readVariation } from './bod-variation';

const MeasureSchema = z.object({ value: z.number().nonnegative(), unit: z.string().nullable() });

export const ItemMasterDocumentSchema = z.object({
  /** Same as itemNumber: the noun's own ID. */
  id: z.string(),
  variationId: z.number().int().nonnegative().nullable(),
  itemNumber: z.string(),
  /** Language code as the BOD writes it (M3: `GB`, `DE`) → text; a Description without `@languageID` takes the root `@languageCode`. */
  descriptions: z.record(z.string()),
  /** Opaque M3 item status (MMS001 STAT, e.g. `20` released, `90` discontinued). */
  status: z.string().nullable(),
  baseUnit: z.string().nullable(),
  /** Kept as text: leading zeros matter. */
  gtin: z.string().nullable(),
  weight: MeasureSchema.nullable(),
  dimensions: z.object({ length: MeasureSchema.nullable(), width: MeasureSchema.nullable(), height: MeasureSchema.nullable() }).nullable(),
  /** Specification name/values and classifications (`Item Group` → `HOME`), as text. */
  attributes: z.record(z.string()),
});

export type ItemMasterDocument = z.infer<typeof ItemMasterDocumentSchema>;
type Measure = z.infer<typeof MeasureSchema>;

function measure(node: BodNode | undefined): Measure | null {
  const text = node?.text();
  if (node === undefined || !text) return null;
  return { value: parseQuantity(text, node.path), unit: node.attr('unitCode')?.trim() || null };
}

/** Net weight is the item's own weight (what a listing's item weight means); gross next, then anything named *weight. */
const WEIGHT_NAMES = [/^net[\s_-]*weight$/i, /^gross[\s_-]*weight$/i, /weight/i];

export function readItemMaster(itemMaster: BodNode, defaultLanguage: string | null): ItemMasterDocument {
  const header = itemMaster.child('ItemMasterHeader');
  const itemNumber = header?.textOf('ItemID', 'ID') ?? null;
  if (header === undefined || itemNumber === null) throw missing(`${itemMaster.path}/ItemMasterHeader/ItemID/ID`);

  const descriptions = new Map<string, string>();
  for (const description of header.children('Description')) {
    const text = description.text();
    const language = description.attr('languageID')?.trim() || defaultLanguage || 'default';
    if (text !== '' && !descriptions.has(language)) descriptions.set(language, text);
  }

  const nameValues = header.children('Specification')
    .flatMap((spec) => [...spec.children('Property').flatMap((p) => p.children('NameValue')), ...spec.children('NameValue')])
    .filter((nv) => (nv.attr('name')?.trim() ?? '') !== '');
  const attributes = new Map<string, string>();
  for (const nv of nameValues) {
    const name = nv.attr('name')?.trim() ?? '';
    if (!attributes.has(name)) attributes.set(name, nv.text());
  }
  for (const classification of header.children('Classification')) {
    const name = classification.attr('type')?.trim() || 'Classification';
    const code = classification.textOf('Codes', 'Code');
    if (code !== null && !attributes.has(name)) attributes.set(name, code);
  }

  let weight = measure(header.child('NetWeightMeasure')) ?? measure(header.child('GrossWeightMeasure'));
  for (const pattern of WEIGHT_NAMES) {
    if (weight !== null) break;
    weight = measure(nameValues.find((nv) => pattern.test(nv.attr('name')?.trim() ?? '')));
  }

  const dimensionsNode = header.find('Packaging', 'Dimensions') ?? header.find('UnitPackaging', 'Dimensions') ?? header.child('Dimensions');
  const dimensions = dimensionsNode === undefined ? null : {
    length: measure(dimensionsNode.child('LengthMeasure')),
    width: measure(dimensionsNode.child('WidthMeasure')),
    height: measure(dimensionsNode.child('HeightMeasure')),
  };

  return {
    id: itemNumber,
    variationId: readVariation(header.child('ItemID')),
    itemNumber,
    descriptions: Object.fromEntries(descriptions),
    status: header.textOf('ItemStatus', 'Code'),
    baseUnit: header.textOf('BaseUOMCode'),
    gtin: header.textOf('GTIN') ?? header.textOf('GTIN', 'ID') ?? header.textOf('UPCID'),
    weight,
    dimensions,
    attributes: Object.fromEntries(attributes),
  };
}
