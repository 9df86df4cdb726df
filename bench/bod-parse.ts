/**
 * bod-parse benchmark (docs/contracts.md, Benchmarks and the chaos suite): BOD bytes → canonical JSON through readBod, against bare
 * fast-xml-parser turning the same bytes into a plain object tree. Target: ratio ≥ 0.6.
 */
import { XMLParser } from 'fast-xml-parser';
import { readBod } from '../core/bod';

export interface BodParseBenchOptions {
  /** Distinct generated documents (a mix of shipments, item masters and inventory counts). */
  documents?: number;
  /** Order lines per shipment / count lines per inventory document (document size). */
  linesPerDocument?: number;
  /** Timed passes over the whole set; the best pass counts, which filters out GC and scheduler noise. */
  rounds?: number;
}

export interface BodParseBenchResult {
  scenario: 'bod-parse';
  documents: number;
  mbPerSecond: number;
  bareMbPerSecond: number;
  ratio: number;
}

const HEAD = (root: string, i: number) => `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="http://schema.infor.com/InforOAGIS/2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" releaseID="9.2" versionID="2.14.3" languageCode="GB">
  <ApplicationArea>
    <Sender><LogicalID schemeVersionID="16.0.0.097">lid://infor.m3.m3</LogicalID><ComponentID>M3BE</ComponentID><ConfirmationCode>OnError</ConfirmationCode></Sender>
    <CreationDateTime>2025-10-02T14:05:${String(i % 60).padStart(2, '0')}.482Z</CreationDateTime>
    <BODID>5d7e0a52-8c1b-4f0e-a3d2-${String(i).padStart(12, '0')}</BODID>
  </ApplicationArea>
  <DataArea>
    <Sync><AccountingEntityID>300_001</AccountingEntityID><LocationID>FR1</LocationID><ActionCriteria><ActionExpression actionCode="Replace"/></ActionCriteria></Sync>
`;

function shipment(i: number, lines: number): string {
  const items: string[] = [];
  const units: string[] = [];
  for (let l = 1; l <= lines; l += 1) {
    const order = `40${i % 10}-${String(1000000 + i).slice(-7)}-${String(7000000 + l).slice(-7)}`;
    const ref = `<SalesOrderReference><DocumentID><ID accountingEntity="300_001" location="FR1">${1000000000 + i}</ID></DocumentID><LineNumber>${l}</LineNumber></SalesOrderReference>`;
    items.push(`    <ShipmentItem>
      <ItemID><ID accountingEntity="300_001">ITEM-${l}-${i % 97}</ID></ItemID>
      <Description>Article n° ${l} – kettle &amp; mug</Description>
      <OrderQuantity unitCode="EA">${l + 1}</OrderQuantity>
      <ShippedQuantity unitCode="EA">${l}</ShippedQuantity>
      <PurchaseOrderReference><DocumentID><ID>${order}</ID></DocumentID><LineNumber>${l}</LineNumber></PurchaseOrderReference>
      ${ref}
      <UserArea><Property><NameValue name="m3.POPN">ALIAS-${l}</NameValue></Property></UserArea>
    </ShipmentItem>
`);
    units.push(`    <ShipmentUnit><TrackingID>1Z999AA1${String(i * 1000 + l).padStart(10, '0')}</TrackingID><ContainerID>PK-${i}-${l}</ContainerID>
      <ShipmentUnitItem><ItemID><ID>ITEM-${l}-${i % 97}</ID></ItemID><ShippedQuantity unitCode="EA">${l}</ShippedQuantity>${ref}</ShipmentUnitItem>
    </ShipmentUnit>
`);
  }
  return `${HEAD('SyncShipment', i)}    <Shipment>
    <ShipmentHeader>
      <DocumentID><ID accountingEntity="300_001" location="FR1" variationID="${i % 5}" lid="lid://infor.m3.m3">${String(12345678 + i).padStart(10, '0')}</ID></DocumentID>
      <WarehouseLocation><ID>FR1</ID><Name>Lyon</Name></WarehouseLocation>
      <ActualShipDateTime>2025-10-02T13:58:00.000Z</ActualShipDateTime>
      <TransportationMethodCode>STD</TransportationMethodCode>
      <CarrierParty><PartyIDs><ID>COLISSIMO</ID></PartyIDs><Name>La Poste Colissimo</Name></CarrierParty>
      <ShipToParty><PartyIDs><ID>AMZFR</ID></PartyIDs><Name>Camille Testeur</Name><Location><Address><AddressLine sequence="1">12 rue de l'Exemple</AddressLine><CityName>Lyon</CityName><CountryCode>FR</CountryCode><PostalCode>69002</PostalCode></Address></Location></ShipToParty>
    </ShipmentHeader>
${items.join('')}${units.join('')}    </Shipment>
  </DataArea>
</SyncShipment>
`;
}

function itemMaster(i: number): string {
  return `${HEAD('SyncItemMaster', i)}    <ItemMaster><ItemMasterHeader>
      <ItemID><ID accountingEntity="300" variationID="${i}">ITEM-${i}</ID></ItemID>
      <GTIN>04012345${String(i).padStart(5, '0')}</GTIN>
      <Description languageID="GB">Kettle ${i}</Description><Description languageID="DE">Wasserkocher ${i}</Description><Description languageID="FR">Bouilloire ${i} « Élégance »</Description>
      <Classification type="Item Group"><Codes><Code>KITCHEN</Code></Codes></Classification>
      <Specification><Property><NameValue name="NetWeight" unitCode="KGM">1.${i % 10}</NameValue></Property><Property><NameValue name="GrossWeight" unitCode="KGM">1.5</NameValue></Property></Specification>
      <ItemStatus><Code>20</Code></ItemStatus><BaseUOMCode>EA</BaseUOMCode>
      <UnitPackaging><Dimensions><WidthMeasure unitCode="CMT">16</WidthMeasure><LengthMeasure unitCode="CMT">23</LengthMeasure><HeightMeasure unitCode="CMT">25</HeightMeasure></Dimensions></UnitPackaging>
    </ItemMasterHeader></ItemMaster>
  </DataArea>
</SyncItemMaster>
`;
}

function inventoryCount(i: number, lines: number): string {
  const body: string[] = [];
  for (let l = 1; l <= lines; l += 1) {
    body.push(`      <InventoryCountLine><LineNumber>${l}</LineNumber><Item><ItemID><ID>ITEM-${l}</ID></ItemID></Item><Quantity unitCode="EA">${(i * l) % 500}</Quantity><Facility><IDs><ID>FR${1 + (l % 3)}</ID></IDs></Facility><TransactionDateTime>2025-10-05T21:30:00.000Z</TransactionDateTime></InventoryCountLine>\n`);
  }
  return `${HEAD('SyncInventoryCount', i)}    <InventoryCount>
      <InventoryCountHeader><DocumentID><ID variationID="${i}">${4242 + i}</ID></DocumentID></InventoryCountHeader>
${body.join('')}    </InventoryCount>
  </DataArea>
</SyncInventoryCount>
`;
}

export function generateBenchDocuments(count: number, linesPerDocument: number): Buffer[] {
  const documents: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = i % 4;
    const xml = kind === 0 || kind === 1 ? shipment(i, linesPerDocument) : kind === 2 ? itemMaster(i) : inventoryCount(i, linesPerDocument * 4);
    documents.push(Buffer.from(xml, 'utf8'));
  }
  return documents;
}

function bestSeconds(rounds: number, pass: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r += 1) {
    const started = process.hrtime.bigint();
    pass();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return best;
}

export async function runBodParseBench(opts: BodParseBenchOptions = {}): Promise<BodParseBenchResult> {
  const documents = generateBenchDocuments(opts.documents ?? 200, opts.linesPerDocument ?? 25);
  const rounds = opts.rounds ?? 5;
  const megabytes = documents.reduce((sum, d) => sum + d.length, 0) / 1e6;
  // The bare baseline keeps attributes (unitCode, variationID are data) and strips prefixes, the least a BOD reader needs.
  const bare = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });
  let sink = 0;
  const ours = () => { for (const d of documents) sink += readBod(d).envelope.bodId.length; };
  const theirs = () => { for (const d of documents) sink += Object.keys(bare.parse(d) as object).length; };
  ours();
  theirs();
  const bareSeconds = bestSeconds(rounds, theirs);
  const ourSeconds = bestSeconds(rounds, ours);
  if (sink < 0) throw new Error('unreachable: keeps the work observable');
  const mbPerSecond = megabytes / ourSeconds;
  const bareMbPerSecond = megabytes / bareSeconds;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { scenario: 'bod-parse', documents: documents.length, mbPerSecond: round(mbPerSecond), bareMbPerSecond: round(bareMbPerSecond), ratio: round(mbPerSecond / bareMbPerSecond) };
}
