/** Foreground processes (the host, `npm start`) stop what they started on SIGINT/SIGTERM, once, then exit. */
export function stopOnSignals(what: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping ${what}…\n`);
    stop().then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`error: stopping ${what} after ${signal} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
