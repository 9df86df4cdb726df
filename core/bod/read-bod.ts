/**
 * readBod: BOD bytes → canonical JSON. Order of defences: size first (before touching the bytes), then decoding,
 * then a refusal of any DTD before parsing (no entity can ever expand, nothing external is ever fetched), then one
 * parsing pass that checks well-formedness and depth as it goes.
 */
import { BodError } from './bod-error';
import { BodNode, missing } from './bod-node';
import { identifyDocument, readEnvelope, type BodEnvelope } from './bod-envelope';
import type { CanonicalBod, InventoryBod, ItemMasterBod, SalesOrderBod, ShipmentBod } from './canonical-bod';
import { readSalesOrder } from './sales-order';
import { readInventory } from './inventory';
import { readItemMaster } from './item-master';
import { readShipment } from './shipment';
import { decodeXml } from './xml-encoding';
import { lineAndColumn, parseXmlTree } from './xml-tree';

/** Infor advises ION messages below 5 MB (docs/m3-facts.md, BOD envelope; twice that leaves room without inviting abuse. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Real BODs nest about 10 levels deep (UserArea included); far more is an attack or a broken generator. */
export const DEFAULT_MAX_DEPTH = 100;
/**
 * A real BOD holds a few hundred to a few tens of thousands of elements; each parsed element costs a few hundred bytes,
 * so this keeps a 10 MB document of empty elements to tens of MB instead of most of a gigabyte.
 */
export const DEFAULT_MAX_ELEMENTS = 200_000;
/** Each noun document (a Shipment, an ItemMaster, an inventory count) becomes work downstream: an orchestration, a call. */
export const DEFAULT_MAX_DOCUMENTS = 500;

export interface ReadBodOptions {
  maxBytes?: number;
  maxDepth?: number;
  maxElements?: number;
  maxDocuments?: number;
}

/** Size in bytes as received; for a string its UTF-8 length, counted only when the cheap bounds cannot decide. */
function sizeOf(input: Buffer | string, maxBytes: number): number {
  if (typeof input !== 'string') return input.length;
  // Every UTF-16 unit is at least one UTF-8 byte and at most three.
  if (input.length > maxBytes || input.length * 3 <= maxBytes) return input.length;
  return Buffer.byteLength(input, 'utf8');
}

/** Any `<!DOCTYPE` or `<!ENTITY` (even inside a comment) is refused: BODs never need one and every XXE needs one. */
function refuseDtd(xml: string): void {
  for (let at = xml.indexOf('<!'); at !== -1; at = xml.indexOf('<!', at + 2)) {
    const word = xml.slice(at + 2, at + 9).toUpperCase();
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) {
      const { line, column } = lineAndColumn(xml, at);
      throw new BodError('DTD_FORBIDDEN', `DTD/entity declaration at line ${line}, column ${column}: BODs must not contain <!${word.startsWith('ENTITY') ? 'ENTITY' : 'DOCTYPE'}> (XXE and entity-expansion protection)`, { line, column });
    }
  }
}

export function readBod(input: Buffer | string, options: ReadBodOptions = {}): CanonicalBod {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const maxDocuments = options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
  const size = sizeOf(input, maxBytes);
  if (size > maxBytes) throw new BodError('TOO_LARGE', `the document is ${size} bytes, over the ${maxBytes}-byte limit`);

  const xml = decodeXml(input);
  refuseDtd(xml);
  const tree = parseXmlTree(xml, { maxDepth, maxElements });
  const root = new BodNode(tree, tree.local, tree.ns);
  const { verb, noun } = identifyDocument(root, tree.ns);
  const envelope = readEnvelope(root, verb, noun);
  const dataArea = root.child('DataArea');
  if (dataArea === undefined) throw missing(`${root.path}/DataArea`);
  return readDocument(envelope, dataArea, root.attr('languageCode')?.trim() || null, maxDocuments);
}

function readDocument(envelope: BodEnvelope, dataArea: BodNode, language: string | null, maxDocuments: number): CanonicalBod {
  const { noun } = envelope;
  if (noun === 'Shipment') {
    const documents = requireNouns(dataArea, ['Shipment'], maxDocuments).map((n) => readShipment(n, envelope.location));
    const bod: ShipmentBod = { envelope: { ...envelope, noun }, document: documents[0], ...(documents.length > 1 ? { documents } : {}) };
    return bod;
  }
  if (noun === 'ItemMaster') {
    const documents = requireNouns(dataArea, ['ItemMaster'], maxDocuments).map((n) => readItemMaster(n, language));
    const bod: ItemMasterBod = { envelope: { ...envelope, noun }, document: documents[0], ...(documents.length > 1 ? { documents } : {}) };
    return bod;
  }
  if (noun === 'SalesOrder') {
    const documents = requireNouns(dataArea, ['SalesOrder'], maxDocuments).map((n) => readSalesOrder(n, envelope.actionCode));
    const bod: SalesOrderBod = { envelope: { ...envelope, noun }, document: documents[0], ...(documents.length > 1 ? { documents } : {}) };
    return bod;
  }
  // Root SyncInventory is an alias: its DataArea may name the noun Inventory or the OAGIS inventory nouns.
  const names = noun === 'Inventory' ? ['Inventory', 'InventoryCount', 'InventoryBalance'] : [noun];
  const bod: InventoryBod = { envelope: { ...envelope, noun }, document: readInventory(requireNouns(dataArea, names, maxDocuments), envelope.location) };
  return bod;
}

function requireNouns(dataArea: BodNode, names: string[], maxDocuments: number): BodNode[] {
  const nouns = names.flatMap((name) => dataArea.children(name));
  if (nouns.length === 0) throw missing(`${dataArea.path}/${names[0]}`);
  if (nouns.length > maxDocuments) {
    throw new BodError('TOO_MANY_DOCUMENTS', `the BOD carries ${nouns.length} ${names[0]} documents, more than ${maxDocuments}; split it into smaller BODs`, { path: dataArea.path });
  }
  return nouns;
}
