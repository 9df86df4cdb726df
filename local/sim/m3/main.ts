/** Process entry of the M3 simulator: `node dist/local/sim/m3/main.js` (port M3_SIM_PORT, default 7082; state file M3_SIM_STATE_FILE, in memory when unset). */
import { startM3Simulator } from './m3-simulator';

async function main(): Promise<void> {
  const port = Number(process.env.M3_SIM_PORT ?? 7082);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`M3_SIM_PORT must be a port number, got ${process.env.M3_SIM_PORT}`);
  const sim = await startM3Simulator({ port, stateFile: process.env.M3_SIM_STATE_FILE || undefined, tenant: process.env.M3_SIM_TENANT || undefined });
  process.stdout.write(`M3 simulator on ${sim.url} (tenant ${sim.tenant}); .ionapi at ${sim.url}/_sim/ionapi\n`);
  const stop = (): void => { sim.close().then(() => process.exit(0), () => process.exit(1)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
