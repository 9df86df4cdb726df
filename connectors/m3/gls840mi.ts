/** GLS840MI generic GL interface, typed (docs/m3-facts.md, GL interface (GLS840MI)): batch head, lines by position (usage type 1) or by field (usage type 2), check, update. */
import type { MiExecutor } from './m3-client';

export interface GlBatchHead { CONO: string; KEY1: string; INTN: string; DESC: string; DIVI?: string }

/** KEY1 (15) is unique per batch, so M3 refuses a second head with the same key: use the settlement id as KEY1 for idempotency. */
export async function addBatchHead(m3: MiExecutor, head: GlBatchHead): Promise<void> {
  await m3.execute('GLS840MI', 'AddBatchHead', { ...head });
}

/** Usage type 1: PARM (≤900 characters) laid out by the GLS850 template's from/to positions. */
export async function addBatchLine(m3: MiExecutor, line: { CONO: string; KEY1: string; LINE: number; PARM: string; DIVI?: string }): Promise<void> {
  await m3.execute('GLS840MI', 'AddBatchLine', { ...line, LINE: String(line.LINE) });
}

/** Usage type 2: fields AIT1…AIT7, CUCD, CUAM, ACDT (yyyyMMdd), VTXT…; INRI is the template's record identity. */
export async function addBatchLineFld(m3: MiExecutor, line: { KEY1: string; LINE: number; INRI: string; DIVI?: string } & Record<string, string | number | undefined>): Promise<void> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(line)) if (v !== undefined) params[k] = String(v);
  await m3.execute('GLS840MI', 'AddBatchLineFld', params);
}

/** Option 6 in GLS840: checks the batch (balanced, valid accounts); NOK → PermanentError naming the problem. */
export async function ctrlBatch(m3: MiExecutor, key: { CONO: string; KEY1: string; DIVI?: string }): Promise<void> {
  await m3.execute('GLS840MI', 'CtrlBatch', { ...key });
}

/** Option 9 in GLS840: updates (posts) the batch. */
export async function updBatch(m3: MiExecutor, key: { CONO: string; KEY1: string; DIVI?: string }): Promise<void> {
  await m3.execute('GLS840MI', 'UpdBatch', { ...key });
}
