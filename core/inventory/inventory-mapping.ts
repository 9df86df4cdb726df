// Mapping section "inventory": which M3 warehouses feed which Amazon marketplace/region, safety stock, caps and channel shares.
import { z } from 'zod';

/** A non-negative whole or decimal quantity; stock figures in M3 (STQT/ALQT) are decimals in basic U/M. */
const QuantitySchema = z.number().finite().nonnegative();

export const InventoryMappingSchema = z
  .object({
    /**
     * M3 warehouses (WHLO) summed for a marketplace id (e.g. "ATVPDKIKX0DER") or a region ("NA", "EU", "FE").
     * A marketplace entry wins over its region entry; "*" is the fallback for everything else.
     */
    warehouses: z.record(z.string().min(1), z.array(z.string().min(1).max(3)).min(1)).default({}),
    /** Units held back from Amazon per item, so the last pieces stay for other channels and count errors. */
    safetyStock: z
      .object({
        default: QuantitySchema.default(0),
        /** Per M3 item number (ITNO). */
        perItem: z.record(z.string().min(1), QuantitySchema).default({}),
      })
      .default({}),
    /** Highest quantity ever published to Amazon (protects against an M3 data error flooding a listing). */
    cap: z.number().int().positive().nullable().default(null),
    /** Share of the sellable stock offered per channel, in percent; key = marketplace id, region or "*". */
    allocationPercent: z.record(z.string().min(1), z.number().min(0).max(100)).default({ '*': 100 }),
    /** M3 item statuses (MMS001 STAT) whose items are offered with quantity 0 (e.g. 90 = blocked/expired). */
    blockedItemStatuses: z.array(z.string().min(1)).default(['50', '80', '90']),
    /** Amazon quantities are whole units; decimals from M3 are always rounded down (never oversell). */
    rounding: z.literal('down').default('down'),
  })
  .default({});

export type InventoryMapping = z.infer<typeof InventoryMappingSchema>;
