import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Credentials } from "../provider/livekit/credentials";
import { watchPeakMemory } from "../tools/peakMemory";
import type { ProjectStack } from "../tools/userProject";
import { lkList, timed } from "./alternatives";
import { median } from "./figures";

/*
 * The drift check at N trunks, side by side in one run on one stack: `livekit-sip-drift` (from
 * the state), its `--preview` mode (a refreshing preview of the program), `pulumi stack export
 * --show-secrets` (the floor of the default mode) and `lk sip inbound list --json` (what users
 * compare it with), plus the drift process's peak memory.
 */

/** What the drift check at one N measured (medians of the repeats). */
export interface DriftFigures {
  n: number;
  seconds: { drift: number; preview: number; stackExport: number; lkList: number };
  /** Peak RSS of the `livekit-sip-drift` process (default mode). */
  driftPeakMiB: number;
}

/** A stack with N trunks up; `drift` is the project's installed `livekit-sip-drift`. */
export interface DriftBench {
  stack: ProjectStack;
  projectDir: string;
  drift: string;
}

export async function benchDrift(n: number, bench: DriftBench, credentials: Credentials, repeats: number): Promise<DriftFigures> {
  const env = bench.stack.env();
  const runDrift = (...args: string[]) => promisify(execFile)(bench.drift, ["--stack", bench.stack.name, ...args], { cwd: bench.projectDir, env });
  const samples = { drift: [] as number[], preview: [] as number[], stackExport: [] as number[], lkList: [] as number[] };
  let peakKiB = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const memory = watchPeakMemory("livekit-sip-drift", 20);
    // Exit 0 (no drift) is required: execFile rejects any other code.
    samples.drift.push(await timed(() => runDrift()));
    peakKiB = Math.max(peakKiB, memory.stop().peakKiB);
    samples.preview.push(await timed(() => runDrift("--preview")));
    samples.stackExport.push(await timed(() => bench.stack.checked(["stack", "export", "--show-secrets"])));
    samples.lkList.push(await lkList(credentials));
  }
  return {
    n,
    seconds: { drift: median(samples.drift), preview: median(samples.preview), stackExport: median(samples.stackExport), lkList: median(samples.lkList) },
    driftPeakMiB: Math.round(peakKiB / 102.4) / 10,
  };
}

/** What the whole-backend drift check measured: S stacks of N trunks each, on one backend. */
export interface BackendDriftFigures {
  stacks: number;
  trunksPerStack: number;
  /**
   * `driftAll`: as examples/ci/drift-check.yml runs it, the key in LIVEKIT_* (no secret of these
   * states is read, so none is decrypted); `driftAllRecorded`: with the key each stack recorded
   * (every state's encrypted API secret decrypted).
   */
  seconds: { driftAll: number; driftAllRecorded: number; lkLists: number };
}

/**
 * `livekit-sip-drift --all` over a backend holding `stacks` (every stack up, no drift) beside
 * what a team runs without it: `lk sip inbound list --json` once per stack, one after another.
 */
export async function benchBackendDrift(stacks: ProjectStack[], trunksPerStack: number, drift: string, credentials: Credentials, repeats: number): Promise<BackendDriftFigures> {
  const [first] = stacks;
  const samples = { driftAll: [] as number[], driftAllRecorded: [] as number[], lkLists: [] as number[] };
  const ciJob = { LIVEKIT_URL: credentials.url, LIVEKIT_API_KEY: credentials.apiKey, LIVEKIT_API_SECRET: credentials.apiSecret };
  for (let repeat = 0; repeat < repeats; repeat++) {
    // Exit 0 (no drift in any stack) is required: execFile rejects any other code.
    samples.driftAll.push(await timed(() => promisify(execFile)(drift, ["--all"], { cwd: first.projectDir, env: first.env(ciJob) })));
    samples.driftAllRecorded.push(await timed(() => promisify(execFile)(drift, ["--all"], { cwd: first.projectDir, env: first.env() })));
    samples.lkLists.push(await timed(async () => {
      for (let i = 0; i < stacks.length; i++) await lkList(credentials);
    }));
  }
  return {
    stacks: stacks.length,
    trunksPerStack,
    seconds: { driftAll: median(samples.driftAll), driftAllRecorded: median(samples.driftAllRecorded), lkLists: median(samples.lkLists) },
  };
}
