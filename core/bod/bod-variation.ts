/** The noun instance's publication counter (Infor `@variationID`), used downstream to drop stale BODs (docs/m3-facts.md, BOD envelope. */
import type { BodNode } from './bod-node';
import { parseVariation } from './bod-values';

/** The noun's own ID: `…/DocumentID/ID` with Infor's `@variationID`, or OAGIS's `DocumentID/VariationID` element. */
export function readVariation(documentId: BodNode | undefined): number | null {
  if (documentId === undefined) return null;
  const id = documentId.child('ID');
  const attr = id?.attr('variationID')?.trim();
  if (id && attr) return parseVariation(attr, `${id.path}/@variationID`);
  const element = documentId.child('VariationID');
  const text = element?.text();
  return element && text ? parseVariation(text, element.path) : null;
}
