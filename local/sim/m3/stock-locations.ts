/**
 * Stock per location and the warehouse figures M3 derives from it: STQT on-hand approved (every location), ALQT
 * allocated, AVAL allocatable on-hand (allocatable locations only), AV01 allocatable net = AVAL − ALQT, AV02 available
 * inventory = STQT − reserved (the simulator reserves nothing). AV01/AV02 follow Infor's own definitions in the
 * OIS100MI balance transactions ("Avail 1 (Allocable on-hand − Allocated)", "Avail 2 (On-hand − Reserved)").
 */
import Decimal from 'decimal.js';
import { balanceKey, type SimBalance, type SimData } from './m3-sim-state';

export interface WarehouseFigures { STQT: Decimal; ALQT: Decimal; AVAL: Decimal; AV01: Decimal; AV02: Decimal }

export function locationsOf(data: SimData, whlo: string, itno: string): SimBalance[] {
  return data.balances[balanceKey(whlo, itno)] ?? [];
}

/** Sets one location's stock (replacing what it held) and connects the item to the warehouse. */
export function putLocation(data: SimData, balance: SimBalance): void {
  const key = balanceKey(balance.WHLO, balance.ITNO);
  const others = (data.balances[key] ?? []).filter((b) => b.WHSL !== balance.WHSL);
  data.balances[key] = [...others, balance].sort((a, b) => a.WHSL.localeCompare(b.WHSL));
  data.itemWarehouses[key] = true;
}

export function warehouseFigures(data: SimData, whlo: string, itno: string): WarehouseFigures {
  let STQT = new Decimal(0), ALQT = new Decimal(0), AVAL = new Decimal(0);
  for (const b of locationsOf(data, whlo, itno)) {
    STQT = STQT.plus(b.STQT);
    ALQT = ALQT.plus(b.ALQT);
    if (b.allocatable) AVAL = AVAL.plus(b.STQT);
  }
  return { STQT, ALQT, AVAL, AV01: AVAL.minus(ALQT), AV02: STQT };
}

export function isConnected(data: SimData, whlo: string, itno: string): boolean {
  return data.itemWarehouses[balanceKey(whlo, itno)] === true;
}

export function connect(data: SimData, whlo: string, itno: string): void {
  data.itemWarehouses[balanceKey(whlo, itno)] = true;
}

/** The allocatable location that carries an order line's allocation (the first, by location name). */
export function allocationLocation(data: SimData, whlo: string, itno: string): SimBalance | undefined {
  return locationsOf(data, whlo, itno).find((b) => b.allocatable);
}
