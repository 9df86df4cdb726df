// One M3 item × warehouse balance as the inventory core reads it (MMS200MI GetItmWhsBal: STQT on-hand approved,
// ALQT allocated, AV01 allocatable net).
import { z } from 'zod';

export const WarehouseBalanceSchema = z.object({
  itemNumber: z.string().min(1),
  warehouse: z.string().min(1),
  /** STQT "On-hand balance approved"; stock under inspection or rejected is excluded, non-allocatable locations are not. */
  onHand: z.number().finite(),
  /** ALQT "Allocated quantity – basic U/M": already promised to other orders. */
  allocated: z.number().finite().default(0),
  /**
   * AV01 "Allocatable net": on-hand in allocatable locations minus allocated, as M3 computes it. When present it is
   * what can be sold from this warehouse; it leaves out inspection, quarantine and other non-allocatable locations.
   */
  allocatable: z.number().finite().optional(),
});

export type WarehouseBalance = z.infer<typeof WarehouseBalanceSchema>;
