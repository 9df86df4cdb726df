/** CPU seconds and peak RSS of this process over a benchmark run (the sandbox runs app and simulators in-process; Azurite is a child process and not included). */
export interface ProcessMeter {
  stop(): { cpuSeconds: number; peakRssMb: number };
}

export function startProcessMeter(sampleMs = 100): ProcessMeter {
  const cpu = process.cpuUsage();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, sampleMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      const used = process.cpuUsage(cpu);
      return { cpuSeconds: round((used.user + used.system) / 1e6, 2), peakRssMb: round(peak / (1024 * 1024), 1) };
    },
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
