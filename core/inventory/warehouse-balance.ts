// One M3 item × warehouse balance as the inventory core reads it (MMS200MI GetItmWhsBal: STQT on-hand approved, ALQT allocated).
import { z } from 'zod';

export const WarehouseBalanceSchema = z.object({
  itemNumber: z.string().min(1),
  warehouse: z.string().min(1),
  /** STQT "On-hand balance approved" (research/m3/FACTS.md §3.5); stock under inspection or rejected is excluded. */
  onHand: z.number().finite(),
  /** ALQT "Allocated quantity – basic U/M": already promised to other orders. */
  allocated: z.number().finite().default(0),
});

export type WarehouseBalance = z.infer<typeof WarehouseBalanceSchema>;
