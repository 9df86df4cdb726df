export default async function globalTeardown(): Promise<void> {
  const azurite = (globalThis as { __AZURITE__?: { stop(): Promise<void> } }).__AZURITE__;
  if (azurite) await azurite.stop();
}
