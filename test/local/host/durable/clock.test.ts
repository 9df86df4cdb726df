import { RealClock, VirtualClock } from '../../../../local/host/durable';

describe('the engine clocks', () => {
  it('wakes virtual sleepers in due order, each seeing its own due time', async () => {
    const clock = new VirtualClock(new Date('2025-01-01T00:00:00Z'));
    const seen: string[] = [];
    const sleep = (ms: number, label: string) =>
      clock.sleepUntil(new Date(clock.now().getTime() + ms)).then(() => seen.push(`${label}@${clock.now().toISOString()}`));
    const done = Promise.all([sleep(3000, 'c'), sleep(1000, 'a'), sleep(2000, 'b')]);
    await clock.advance(1500);
    expect(seen).toEqual(['a@2025-01-01T00:00:01.000Z']);
    await clock.advance(10_000);
    await done;
    expect(seen).toEqual(['a@2025-01-01T00:00:01.000Z', 'b@2025-01-01T00:00:02.000Z', 'c@2025-01-01T00:00:03.000Z']);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:11.500Z');
  });

  it('never moves virtual time backwards', async () => {
    const clock = new VirtualClock(new Date('2025-01-01T00:00:00Z'));
    await clock.set(new Date('2024-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('rejects an aborted sleep on both clocks', async () => {
    const virtual = new VirtualClock();
    const real = new RealClock();
    const controller = new AbortController();
    const far = new Date(Date.now() + 3600_000);
    const sleeps = [virtual.sleepUntil(new Date(virtual.now().getTime() + 1000), controller.signal), real.sleepUntil(far, controller.signal)];
    controller.abort();
    for (const s of sleeps) await expect(s).rejects.toThrow('aborted');
  });
});
