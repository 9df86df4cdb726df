/** startOrSignal: one instance per correlation id — a start that loses the race to another starter signals the winner; any other start failure is the caller's to see. */
import { isAlreadyExists, startOrSignal, type StartClient } from '../../../functions/runtime/start-or-signal';
import { FakeInstanceClient } from '../operations/fake-instance-client';

const request = { orchestrator: 'flow', instanceId: 'flow:1', input: { n: 1 }, event: { name: 'changed', data: { why: 'test' } } };

/** A client whose startNew fails with `error` the first time (another starter wins the race in between). */
function racingClient(error: Error): FakeInstanceClient & StartClient {
  const client = new FakeInstanceClient();
  const start = client.startNew.bind(client);
  let first = true;
  client.startNew = async (name, options) => {
    if (!first) return start(name, options);
    first = false;
    client.instances.set(request.instanceId, { name, instanceId: request.instanceId, runtimeStatus: 'Running' });
    throw error;
  };
  return client;
}

describe('startOrSignal', () => {
  it('starts an id that never ran', async () => {
    const client = new FakeInstanceClient();
    expect(await startOrSignal(client, request)).toBe('started');
    expect(client.calls).toEqual(['start flow flow:1']);
    expect(client.events).toEqual([]);
  });

  it('signals a live instance instead of starting a second one', async () => {
    const client = new FakeInstanceClient([{ name: 'flow', instanceId: 'flow:1', runtimeStatus: 'Suspended' }]);
    expect(await startOrSignal(client, request)).toBe('signaled');
    expect(client.calls).toEqual([]);
    expect(client.events).toEqual([{ instanceId: 'flow:1', name: 'changed', data: { why: 'test' } }]);
  });

  it('starts a finished instance again', async () => {
    const client = new FakeInstanceClient([{ name: 'flow', instanceId: 'flow:1', runtimeStatus: 'Completed' }]);
    expect(await startOrSignal(client, request)).toBe('started');
  });

  it('treats "instance already exists" as benign: the winner of the race is signaled', async () => {
    const client = racingClient(new Error('The operation failed with an unexpected status code: 409. Details: "An Orchestration instance with the status Running already exists."'));
    expect(await startOrSignal(client, request)).toBe('signaled');
    expect(client.events.map((e) => e.instanceId)).toEqual(['flow:1']);
  });

  it('lets every other start failure propagate, signalling nobody', async () => {
    const client = racingClient(new Error('The operation failed with an unexpected status code: 500. Details: "storage unavailable"'));
    await expect(startOrSignal(client, request)).rejects.toThrow('status code: 500');
    expect(client.events).toEqual([]);
  });

  it('signals the instance named by liveElsewhere instead of starting', async () => {
    const client = new FakeInstanceClient([{ name: 'flow', instanceId: 'flow:1', runtimeStatus: 'Failed' }]);
    expect(await startOrSignal(client, { ...request, liveElsewhere: async (status) => (status ? 'flow:1~other' : undefined) })).toBe('signaled');
    expect(client.calls).toEqual([]);
    expect(client.events.map((e) => e.instanceId)).toEqual(['flow:1~other']);
  });
});

describe('isAlreadyExists', () => {
  it('recognises the refusal by HTTP status or by the extension\'s text, and nothing else', () => {
    expect(isAlreadyExists(new Error('The operation failed with an unexpected status code: 409. Details: ""'))).toBe(true);
    expect(isAlreadyExists(new Error('An Orchestration instance with the status Pending already exists.'))).toBe(true);
    expect(isAlreadyExists(new Error('The operation failed with an unexpected status code: 400. Details: "bad input"'))).toBe(false);
    expect(isAlreadyExists(new Error('connect ECONNREFUSED 127.0.0.1:7071'))).toBe(false);
    expect(isAlreadyExists(undefined)).toBe(false);
  });
});
