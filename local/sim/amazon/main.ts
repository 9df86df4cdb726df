/** Runs the SP-API simulator as a process: port from SPAPI_SIM_PORT (default 7081), state file, notify URL and time scale from the environment. */
import { startAmazonSimulator } from './amazon-simulator';

async function main(): Promise<void> {
  const sim = await startAmazonSimulator({
    port: Number(process.env.SPAPI_SIM_PORT ?? 7081),
    timeScale: process.env.SPAPI_SIM_TIME_SCALE ? Number(process.env.SPAPI_SIM_TIME_SCALE) : 1,
    stateFile: process.env.SPAPI_SIM_STATE_FILE || undefined,
    notifyUrl: process.env.SPAPI_SIM_NOTIFY_URL || undefined,
    notifyApiKey: process.env.SPAPI_SIM_NOTIFY_API_KEY ?? process.env.INTAKE_API_KEY,
    notifyEnvelope: process.env.SPAPI_SIM_NOTIFY_ENVELOPE === 'raw' ? 'raw' : 'sqs',
    sellerId: process.env.SANDBOX_SELLER_ID || undefined,
    strict: process.env.SPAPI_SIM_STRICT !== '0',
  });
  process.stdout.write(`SP-API simulator listening on ${sim.url} (seller ${sim.sellerId})\n`);
  const stop = (): void => { void sim.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
