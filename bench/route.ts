import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Credentials } from "../provider/livekit/credentials";
import { watchPeakMemory } from "../tools/peakMemory";
import type { ProjectStack } from "../tools/userProject";
import { lkList, timed } from "./alternatives";
import { median } from "./figures";

/*
 * The routing check at N trunks and N rules (each rule bound to its trunk), side by side in one
 * run on one stack: `livekit-sip-route --check` from the state and with `--live`, `--table`,
 * `pulumi stack export` (the floor of the state mode) and `lk sip inbound list --json` (what the
 * goal compares it with), plus the check's peak memory.
 */

/** What the routing check at one N measured (medians of the repeats). */
export interface RouteFigures {
  n: number;
  seconds: { check: number; checkLive: number; table: number; stackExport: number; lkList: number };
  /** Peak RSS of the `livekit-sip-route --check` process (from the state). */
  checkPeakMiB: number;
}

/** A stack with N trunks and N rules up; `route` is the project's installed `livekit-sip-route`. */
export interface RouteBench {
  stack: ProjectStack;
  projectDir: string;
  route: string;
}

export async function benchRoute(n: number, bench: RouteBench, credentials: Credentials, repeats: number): Promise<RouteFigures> {
  const env = bench.stack.env();
  const route = (...args: string[]) => promisify(execFile)(bench.route, ["--stack", bench.stack.name, ...args], { cwd: bench.projectDir, env, maxBuffer: 64 * 1024 * 1024 });
  const samples = { check: [] as number[], checkLive: [] as number[], table: [] as number[], stackExport: [] as number[], lkList: [] as number[] };
  let peakKiB = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const memory = watchPeakMemory("livekit-sip-route", 20);
    // Exit 0 (no findings) is required: execFile rejects any other code.
    samples.check.push(await timed(() => route("--check")));
    peakKiB = Math.max(peakKiB, memory.stop().peakKiB);
    samples.checkLive.push(await timed(() => route("--check", "--live")));
    samples.table.push(await timed(() => route("--table")));
    samples.stackExport.push(await timed(() => bench.stack.checked(["stack", "export"])));
    samples.lkList.push(await lkList(credentials));
  }
  const seconds = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)])) as RouteFigures["seconds"];
  return { n, seconds, checkPeakMiB: Math.round(peakKiB / 102.4) / 10 };
}
