/** What travels through an instance's inbox (a control queue in Azure terms) and how stored history events are validated. */
import { z } from 'zod';

export const HistoryEventSchema = z
  .object({
    EventType: z.number(),
    EventId: z.number(),
    Timestamp: z.string(),
    IsPlayed: z.boolean().optional(),
    Name: z.string().optional(),
    Input: z.string().optional(),
    Result: z.string().optional(),
    Reason: z.string().optional(),
    Details: z.string().optional(),
    TaskScheduledId: z.number().optional(),
    TimerId: z.number().optional(),
    FireAt: z.string().optional(),
    InstanceId: z.string().optional(),
    OrchestrationStatus: z.string().optional(),
    ParentInstanceId: z.string().optional(),
  })
  .strict();

export const InboxMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), execution: z.number().optional(), event: HistoryEventSchema }),
  z.object({ kind: z.literal('terminate'), reason: z.string() }),
  z.object({ kind: z.literal('suspend'), reason: z.string() }),
  z.object({ kind: z.literal('resume'), reason: z.string() }),
  z.object({
    kind: z.literal('entityOperation'),
    requestId: z.string(),
    operation: z.string(),
    input: z.string().optional(),
    signal: z.boolean(),
    parentInstanceId: z.string().optional(),
    parentExecution: z.number().optional(),
  }),
]);
export type InboxMessage = z.infer<typeof InboxMessageSchema>;
