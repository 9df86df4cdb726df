/** Binds the operations logic to the app's dependencies and the invocation's durable client. */
import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import type { Dependencies } from '../runtime/dependencies';
import { clearSkuCache } from '../order-to-cash/resolve-skus';
import { startOrSignalOrder } from '../order-to-cash/start-order';
import type { RedrivePorts } from './parked-operations';

export function redrivePorts(deps: Dependencies, context: InvocationContext): RedrivePorts {
  const client = df.getClient(context);
  return {
    parked: deps.parked,
    client,
    forgetCaches: () => {
      deps.reloadMappings();
      clearSkuCache();
    },
    startOrSignalOrder: (input) => startOrSignalOrder(client, input),
  };
}
