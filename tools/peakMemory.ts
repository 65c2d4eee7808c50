import { processIds, readProcFile } from "./processes";

/**
 * Peak resident memory (VmHWM) of processes whose command line contains a marker, sampled from
 * /proc while a run goes on: how the tests and benchmarks measure the dynamic-provider process,
 * which the engine starts and ends by itself. Linux only.
 */
export function watchPeakMemory(marker: string, intervalMs = 100): { stop: () => { peakKiB: number; processes: number } } {
  let peakKiB = 0;
  const seen = new Set<number>();
  const sample = () => {
    for (const pid of processIds()) {
      if (!readProcFile(pid, "cmdline")?.includes(marker)) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readProcFile(pid, "status") ?? "");
      if (hwm) {
        seen.add(pid);
        peakKiB = Math.max(peakKiB, Number(hwm[1]));
      }
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakKiB, processes: seen.size };
    },
  };
}

/** The marker of the dynamic-provider process (its script path). */
export const DYNAMIC_PROVIDER_MARKER = "cmd/dynamic-provider";

/** What identifies the native plugin's process in its command line (node runs it from the plugin cache). */
export const NATIVE_PLUGIN_MARKER = "plugins/resource-livekit-v";
