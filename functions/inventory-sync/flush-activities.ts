/** The inventory flush activities: thin glue from the orchestration to flush-steps with the real ports bound. */
import * as df from 'durable-functions';
import { z } from 'zod';
import { dependencies } from '../runtime/dependencies';
import { RecordInputSchema } from './flush-model';
import { feedStatus, prepareFeed, recordResults, submitFeed } from './flush-steps';
import { inventoryPorts } from './inventory-ports';
import { FEED_STATUS_ACTIVITY, PREPARE_FEED_ACTIVITY, RECORD_RESULTS_ACTIVITY, SUBMIT_FEED_ACTIVITY } from './names';

const RegionSchema = z.object({ sellerId: z.string(), region: z.string() });

async function flushPorts() {
  const deps = dependencies();
  await deps.switches.refresh();
  return inventoryPorts(deps).flush;
}

df.app.activity(PREPARE_FEED_ACTIVITY, {
  handler: async (input: unknown) => {
    const { sellerId, region } = RegionSchema.parse(input);
    return prepareFeed(sellerId, region, await flushPorts());
  },
});

df.app.activity(SUBMIT_FEED_ACTIVITY, {
  handler: async (input: unknown) => submitFeed(z.object({ ref: z.string() }).parse(input).ref, await flushPorts()),
});

df.app.activity(FEED_STATUS_ACTIVITY, {
  handler: async (input: unknown) => {
    const { sellerId, marketplaceId, feedId } = RegionSchema.extend({ marketplaceId: z.string(), feedId: z.string() }).parse(input);
    return feedStatus(sellerId, marketplaceId, feedId, await flushPorts());
  },
});

df.app.activity(RECORD_RESULTS_ACTIVITY, {
  handler: async (input: unknown) => recordResults(RecordInputSchema.parse(input), await flushPorts()),
});
