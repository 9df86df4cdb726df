/** The ION Desk import file parses, routes only BODs the reader accepts to POST /api/ion/bods, and filters by accounting entity. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { BOD_NOUNS, BOD_VERBS, BodError, INFOR_NAMESPACE, readBod } from '../../core/bod';

const repoRoot = path.resolve(__dirname, '../..');
const flowsFile = path.join(repoRoot, 'bod-templates/ion-desk/m3sync-document-flows.xml');
const readmeFile = path.join(repoRoot, 'bod-templates/ion-desk/README.md');
const xml = readFileSync(flowsFile, 'utf8');

type XmlNode = { [key: string]: unknown };
const ARRAYS = new Set(['DocumentFlow', 'ConnectionPoint', 'ConnectionPointDocumentGroup', 'ConnectionPointDocumentGroupProperty', 'ActivityDocument', 'FlowPart', 'DFNoun', 'DFVerb', 'DFAttribute', 'Subcondition', 'RoutingBranch', 'DocumentProperty']);
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ARRAYS.has(name) });
const doc = parser.parse(xml) as XmlNode;

function node(value: unknown, name: string): XmlNode {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} is not an element`);
  return value as XmlNode;
}
function list(parent: XmlNode, name: string): XmlNode[] {
  const value = parent[name];
  return Array.isArray(value) ? value.map((v) => node(v, name)) : [];
}
function text(parent: XmlNode, name: string): string {
  const value = parent[name];
  return typeof value === 'string' ? value : '';
}
/** Every element named `name` anywhere below `root`. */
function descendants(root: unknown, name: string): XmlNode[] {
  if (typeof root !== 'object' || root === null) return [];
  if (Array.isArray(root)) return root.flatMap((item) => descendants(item, name));
  return Object.entries(root).flatMap(([key, value]) => {
    const here = key === name ? (Array.isArray(value) ? value : [value]).filter((v): v is XmlNode => typeof v === 'object' && v !== null) : [];
    return [...here, ...descendants(value, name)];
  });
}

const root = node(doc.DocumentFlows, 'DocumentFlows');
const flows = list(root, 'DocumentFlow');
const connectionPoints = list(node(root.ConnectionPoints, 'ConnectionPoints'), 'ConnectionPoint');
const accepted = new Set(BOD_VERBS.flatMap((verb) => BOD_NOUNS.map((noun) => `${verb}.${noun}`)));

interface Routed {
  flow: string;
  bod: string;
}
const routed: Routed[] = flows.flatMap((flow) => [
  ...descendants(flow, 'ActivityDocument').map((d) => ({ flow: text(flow, 'Name'), bod: `${text(d, 'Verb')}.${text(d, 'Noun')}` })),
  ...descendants(flow, 'DFNoun').flatMap((n) => list(node(n.Verbs, 'Verbs'), 'DFVerb').map((v) => ({ flow: text(flow, 'Name'), bod: `${text(v, 'VerbName')}.${text(n, 'Name')}` }))),
]);

interface IonApiInput {
  name: string;
  type: string;
  swaggerFormat: string | null;
  literalValue: string | null;
  required: boolean;
}
interface IonApiDef {
  methodDefinition: { httpMethod: string; operationPath: string; input: IonApiInput[]; inputBody: { bodyContentType: string } };
}
const apiPoint = connectionPoints.find((cp) => text(cp, 'Type') === 'ION_API');
const groups = apiPoint ? descendants(apiPoint, 'ConnectionPointDocumentGroup') : [];
function groupProperty(group: XmlNode, name: string): string {
  const property = descendants(group, 'ConnectionPointDocumentGroupProperty').find((p) => text(p, 'Name') === name);
  return property ? text(property, 'Value') : '';
}

/** A minimal BOD of the given verb and noun: enough for the reader to identify it (content errors are fine here). */
function minimalBod(verb: string, noun: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${verb}${noun} xmlns="${INFOR_NAMESPACE}" releaseID="9.2" versionID="2.14.3">` +
    `<ApplicationArea><Sender><LogicalID>lid://infor.m3.m3</LogicalID><ComponentID>M3BE</ComponentID></Sender>` +
    `<CreationDateTime>2026-01-01T00:00:00Z</CreationDateTime><BODID>probe-1</BODID></ApplicationArea>` +
    `<DataArea><${verb}><AccountingEntityID>100_AAA</AccountingEntityID><ActionCriteria><ActionExpression actionCode="Replace"/></ActionCriteria></${verb}>` +
    `<${noun}/></DataArea></${verb}${noun}>`;
}

describe('ION Desk import file', () => {
  it('is well-formed XML with a DocumentFlows root as ION Desk exports it', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(root['@_version']).toEqual(expect.any(String));
    expect(flows.length).toBeGreaterThanOrEqual(3);
  });

  it('routes Sync.Shipment, Sync.ItemMaster and an inventory BOD', () => {
    const bods = new Set(routed.map((r) => r.bod));
    expect(bods.has('Sync.Shipment')).toBe(true);
    expect(bods.has('Sync.ItemMaster')).toBe(true);
    expect(['Sync.InventoryCount', 'Sync.InventoryBalance'].some((b) => bods.has(b))).toBe(true);
  });

  it('names only BODs the reader accepts (core/bod BOD_VERBS × BOD_NOUNS)', () => {
    expect(routed.filter((r) => !accepted.has(r.bod))).toEqual([]);
  });

  it.each([...new Set(routed.map((r) => r.bod))])('routes %s, which readBod identifies as a document it reads', (bod) => {
    const [verb, noun] = bod.split('.');
    try {
      readBod(minimalBod(verb, noun));
    } catch (error) {
      expect(error).toBeInstanceOf(BodError);
      expect((error as BodError).code).not.toBe('UNKNOWN_DOCUMENT');
    }
  });

  it('starts every flow at the M3 connection point named by a placeholder and ends at the ION API connection point', () => {
    for (const flow of flows) {
      const activities = descendants(flow, 'Activity');
      const m3 = activities.filter((a) => text(a, 'ActivityType') === 'APPLICATION');
      const api = activities.filter((a) => text(a, 'ActivityType') === 'ION_API');
      expect(m3.map((a) => text(a, 'ConnectionPoints'))).toEqual(['${M3_CONNECTION_POINT}']);
      expect(api.map((a) => text(a, 'IonApiConnectionPoint'))).toEqual([apiPoint ? text(apiPoint, 'Name') : 'no ION API connection point']);
    }
  });

  it('filters every flow on the predefined AccountingEntity attribute with a placeholder value', () => {
    for (const flow of flows) {
      const nouns = descendants(flow, 'DFNoun');
      expect(nouns.length).toBeGreaterThan(0);
      for (const noun of nouns) {
        expect(text(noun, 'Filter')).toBe('True');
        const condition = parser.parse(text(noun, 'ConditionData')) as XmlNode;
        const subconditions = descendants(condition, 'Subcondition');
        expect(subconditions.length).toBeGreaterThan(0);
        for (const sub of subconditions) {
          expect(text(sub, 'AttributeName')).toBe('AccountingEntity');
          expect(text(sub, 'Value')).toMatch(/^\$\{[A-Z_]+\}$/);
        }
        expect(descendants(noun, 'DFAttribute').map((a) => text(a, 'Name'))).toEqual(['AccountingEntity']);
      }
    }
  });

  it('defines the ION API connection point for every routed BOD, posting multipart part "file" to /api/ion/bods with x-api-key', () => {
    expect(apiPoint && text(apiPoint, 'ConnectorType')).toBe('infor.api');
    const callNames = groups.map((g) => groupProperty(g, 'callName')).sort();
    expect(callNames).toEqual([...new Set(routed.map((r) => r.bod))].sort());
    for (const group of groups) {
      expect(groupProperty(group, 'scenario')).toBe('RECEIVE');
      expect(groupProperty(group, 'operationRestPath')).toBe('/api/ion/bods');
      expect(groupProperty(group, 'RequestFormat')).toBe('Form Data');
      const def = JSON.parse(groupProperty(group, 'ionApiDef')) as IonApiDef;
      expect(def.methodDefinition.httpMethod).toBe('POST');
      expect(def.methodDefinition.operationPath.endsWith('/api/ion/bods')).toBe(true);
      expect(def.methodDefinition.inputBody.bodyContentType).toBe('MULTIPART');
      expect(def.methodDefinition.input).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'file', type: 'PAYLOAD', swaggerFormat: 'binary', required: true }),
          expect.objectContaining({ name: 'x-api-key', type: 'HEADER', literalValue: '${INTAKE_API_KEY_REF}' }),
        ]),
      );
    }
  });

  it('posts to a path and body the OpenAPI document describes', () => {
    const openapi = parseYaml(readFileSync(path.join(repoRoot, 'bod-templates/openapi.yaml'), 'utf8')) as {
      paths: Record<string, { post?: { requestBody: { content: Record<string, unknown> } } }>;
    };
    for (const group of groups) {
      const operation = openapi.paths[groupProperty(group, 'operationRestPath')]?.post;
      expect(operation?.requestBody.content).toHaveProperty(['multipart/form-data']);
    }
  });

  it('explains every placeholder it uses in README.md', () => {
    const readme = readFileSync(readmeFile, 'utf8');
    const placeholders = [...new Set([...xml.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]))];
    expect(placeholders.length).toBeGreaterThan(0);
    expect(placeholders.filter((p) => !readme.includes('${' + p + '}'))).toEqual([]);
  });
});
