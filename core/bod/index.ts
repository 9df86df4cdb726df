/** Public surface of the BOD reader: readBod, the canonical schemas and types, and BodError. */
export { readBod, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_DOCUMENTS, type ReadBodOptions } from './read-bod';
export { BodError, BOD_ERROR_CODES, type BodErrorCode } from './bod-error';
export { BodEnvelopeSchema, BOD_NOUNS, BOD_VERBS, INFOR_NAMESPACE, type BodEnvelope, type BodNoun, type BodVerb } from './bod-envelope';
export { ShipmentDocumentSchema, ShipmentLineSchema, ShipmentPackageSchema, type ShipmentDocument, type ShipmentLine, type ShipmentPackage } from './shipment';
export { ItemMasterDocumentSchema, type ItemMasterDocument } from './item-master';
export { SalesOrderDocumentSchema, SalesOrderLineSchema, type SalesOrderDocument } from './sales-order';
export { InventoryDocumentSchema, InventoryLineSchema, type InventoryDocument, type InventoryLine } from './inventory';
export {
  CanonicalBodSchema, ShipmentBodSchema, ItemMasterBodSchema, InventoryBodSchema, SalesOrderBodSchema,
  isShipmentBod, isItemMasterBod, isInventoryBod, isSalesOrderBod,
  type CanonicalBod, type ShipmentBod, type ItemMasterBod, type InventoryBod, type SalesOrderBod,
} from './canonical-bod';
