/** The BOD envelope: which document this is (root = Verb + Noun) and the ApplicationArea / verb-area facts (docs/m3-facts.md, BOD envelope. */
import { z } from 'zod';
import { BodError } from './bod-error';
import { BodNode, missing } from './bod-node';
import { parseDateTime } from './bod-values';
import { ID_RULES, idSchema, isValidId } from '../ids/intake-ids';

export const INFOR_NAMESPACE = 'http://schema.infor.com/InforOAGIS/2';

/**
 * Sync is what M3 publishes on change; Show is its answer to a Get and carries the same noun content. Process and
 * Notify are requests/notices *to* a system of record (M3 consumes Process.Shipment), so reading them as facts would
 * be wrong; they are refused as unknown documents.
 */
export const BOD_VERBS = ['Sync', 'Show'] as const;
/** `Inventory` is the root `SyncInventory` alias some ION set-ups use (docs/m3-facts.md, BOD structure per noun). */
export const BOD_NOUNS = ['Shipment', 'ItemMaster', 'InventoryCount', 'InventoryBalance', 'Inventory', 'SalesOrder'] as const;

/** OAGIS 9.2 verbs, to split an unknown root name into verb + noun for a precise message. */
const OAGIS_VERBS = ['Acknowledge', 'Allocate', 'Cancel', 'Change', 'Confirm', 'Get', 'Issue', 'List', 'Load', 'Notify', 'Post', 'Process', 'Receive', 'Respond', 'Show', 'Sync', 'Update'];

export type BodVerb = (typeof BOD_VERBS)[number];
export type BodNoun = (typeof BOD_NOUNS)[number];

export const BodEnvelopeSchema = z.object({
  verb: z.enum(BOD_VERBS),
  noun: z.enum(BOD_NOUNS),
  bodId: idSchema('bodId'),
  releaseId: z.string().nullable(),
  versionId: z.string().nullable(),
  logicalId: z.string().nullable(),
  componentId: z.string().nullable(),
  createdAt: z.string().datetime(),
  accountingEntity: z.string().nullable(),
  location: z.string().nullable(),
  actionCode: z.string().nullable(),
});
export type BodEnvelope = z.infer<typeof BodEnvelopeSchema>;

function unknown(message: string, path: string): BodError {
  return new BodError('UNKNOWN_DOCUMENT', message, { path });
}

/** Names the document from its root element, or says precisely why it is not one this app reads. */
export function identifyDocument(root: BodNode, ns: string): { verb: BodVerb; noun: BodNoun } {
  const name = root.name;
  if (ns !== INFOR_NAMESPACE && ns !== '') {
    throw unknown(`<${name}> is in namespace "${ns}", not the Infor BOD namespace ${INFOR_NAMESPACE}`, name);
  }
  const verb = OAGIS_VERBS.find((v) => name.startsWith(v) && name.length > v.length);
  const nounSuffix = BOD_NOUNS.find((n) => name.endsWith(n) && name.length > n.length);
  if (verb === undefined && nounSuffix !== undefined) {
    const other = name.slice(0, name.length - nounSuffix.length);
    throw unknown(`unsupported BOD verb "${other}" in <${name}> (this app reads ${BOD_VERBS.join(' and ')} ${nounSuffix} BODs)`, name);
  }
  if (verb === undefined) throw unknown(`root element <${name}> is not a BOD (expected <Verb><Noun>, e.g. <SyncShipment>)`, name);
  const noun = name.slice(verb.length);
  const knownNoun = BOD_NOUNS.find((n) => n === noun);
  const knownVerb = BOD_VERBS.find((v) => v === verb);
  if (knownNoun === undefined) throw unknown(`unsupported BOD noun "${noun}" in <${name}> (this app reads ${BOD_NOUNS.join(', ')})`, name);
  if (knownVerb === undefined) throw unknown(`unsupported BOD verb "${verb}" in <${name}> (this app reads ${BOD_VERBS.join(' and ')} ${noun} BODs)`, name);
  return { verb: knownVerb, noun: knownNoun };
}

export function readEnvelope(root: BodNode, verb: BodVerb, noun: BodNoun): BodEnvelope {
  const appArea = root.child('ApplicationArea');
  if (appArea === undefined) throw missing(`${root.path}/ApplicationArea`);
  const bodId = appArea.requiredText('BODID');
  // The BODID becomes the queue message id and the dedup key: one that cannot be either is refused here, by shape only.
  if (!isValidId('bodId', bodId)) throw new BodError('INVALID_VALUE', `${appArea.path}/BODID must be ${ID_RULES.bodId.describes}`, { path: `${appArea.path}/BODID` });
  const created = appArea.child('CreationDateTime');
  const createdText = created?.text();
  if (created === undefined || !createdText) throw missing(`${appArea.path}/CreationDateTime`);
  const dataArea = root.child('DataArea');
  if (dataArea === undefined) throw missing(`${root.path}/DataArea`);
  // The verb element is one of the few parts OAGIS makes required (docs/m3-facts.md, BOD structure per noun); it also carries
  // the accounting entity, location and actionCode, so a BOD without it cannot be read correctly.
  const verbArea = dataArea.child(verb);
  if (verbArea === undefined) throw missing(`${dataArea.path}/${verb}`);
  return {
    verb,
    noun,
    bodId,
    releaseId: root.attr('releaseID') ?? null,
    versionId: root.attr('versionID') ?? null,
    logicalId: appArea.textOf('Sender', 'LogicalID'),
    componentId: appArea.textOf('Sender', 'ComponentID'),
    createdAt: parseDateTime(createdText, created.path),
    accountingEntity: verbArea.textOf('AccountingEntityID'),
    location: verbArea.textOf('LocationID'),
    actionCode: verbArea.find('ActionCriteria', 'ActionExpression')?.attr('actionCode')?.trim() || null,
  };
}
