/** Which simulated programs answer which transactions. */
import type { MiHandlers } from './mi-handler';
import { ois100miBatchHandlers, ois275miHandlers } from './transactions/ois100mi-batch';
import { ois100miOrderHandlers } from './transactions/ois100mi-orders';
import { crs610miHandlers } from './transactions/crs610mi';
import { mms025miHandlers, mms060miHandlers, mms200miHandlers } from './transactions/item-balances';
import { gls840miHandlers } from './transactions/gls840mi';
import { cusextmiHandlers } from './transactions/cusextmi';
import { ars040miHandlers } from './finance/ars040mi';
import { ois350miHandlers } from './finance/ois350mi';
import { exportmiHandlers } from './finance/exportmi';
import { crs610miOrderInfoHandlers } from './finance/crs610mi-order-info';
import { ois017miHandlers, ois320miHandlers } from './prices/ois017mi';
import { ois390miHandlers } from './returns/ois390mi';

export const TRANSACTION_REGISTRY: Record<string, MiHandlers> = {
  OIS100MI: { ...ois100miBatchHandlers, ...ois100miOrderHandlers },
  OIS275MI: ois275miHandlers,
  CRS610MI: { ...crs610miHandlers, ...crs610miOrderInfoHandlers },
  MMS025MI: mms025miHandlers,
  MMS060MI: mms060miHandlers,
  MMS200MI: mms200miHandlers,
  GLS840MI: gls840miHandlers,
  CUSEXTMI: cusextmiHandlers,
  ARS040MI: ars040miHandlers,
  OIS350MI: ois350miHandlers,
  EXPORTMI: exportmiHandlers,
  OIS017MI: ois017miHandlers,
  OIS320MI: ois320miHandlers,
  OIS390MI: ois390miHandlers,
};

/** Reads never change state, so the simulator skips persisting after them. */
export function isReadTransaction(transaction: string): boolean {
  return /^(Get|Lst|Search|Select)/.test(transaction);
}
