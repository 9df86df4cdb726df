import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { clearRegistrations, getRegistrations, triggerOf } from '../../../local/host/registrations';

describe('the functions-core stand-in', () => {
  afterEach(() => clearRegistrations());

  it('captures HTTP, queue and durable registrations with their trigger bindings', () => {
    app.http('probe-http', { route: 'probe', methods: ['POST'], authLevel: 'function', handler: async () => ({ status: 202 }) });
    app.serviceBusQueue('probe-queue', { queueName: 'probe-events', connection: 'ServiceBusConnection', handler: async () => undefined });
    // oxlint-disable-next-line require-yield -- an orchestrator is a generator, even one that yields nothing
    df.app.orchestration('probe-orchestrator', function* () { return 1; });
    df.app.activity('probe-activity', { handler: async () => 2 });
    const byName = new Map(getRegistrations().map((r) => [r.name, r]));
    expect(triggerOf(byName.get('probe-http')!).type).toBe('httpTrigger');
    expect(triggerOf(byName.get('probe-http')!).route).toBe('probe');
    expect(triggerOf(byName.get('probe-queue')!).queueName).toBe('probe-events');
    expect(triggerOf(byName.get('probe-orchestrator')!).type).toBe('orchestrationTrigger');
    expect(triggerOf(byName.get('probe-activity')!).type).toBe('activityTrigger');
  });
});
