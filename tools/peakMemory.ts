import * as fs from "node:fs";

/**
 * Peak resident memory (VmHWM) of processes whose command line contains a marker, sampled from
 * /proc while a run goes on: how the tests and benchmarks measure the dynamic-provider process,
 * which the engine starts and ends by itself. Linux only.
 */
export function watchPeakMemory(marker: string, intervalMs = 100): { stop: () => { peakKiB: number; processes: number } } {
  let peakKiB = 0;
  const seen = new Set<number>();
  const sample = () => {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
        if (!cmdline.includes(marker)) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"));
        if (hwm) {
          seen.add(Number(entry));
          peakKiB = Math.max(peakKiB, Number(hwm[1]));
        }
      } catch {
        // the process ended between listing and reading
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
