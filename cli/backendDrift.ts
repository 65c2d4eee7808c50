import type { DriftReport } from "./driftReport";
import { failureText } from "./stackReports";
import { secretsToDecrypt } from "./secretsRead";
import { exportStackRevealed, pulumiCommand, StateResource } from "./stackState";

/*
 * `livekit-sip-drift --all`: the drift check of every stack the backend holds (the one
 * `PULUMI_BACKEND_URL` or `pulumi login` names), as a team's daily job runs it: each stack's
 * state exported (a few at a time), each LiveKit server listed once per type for all of them,
 * one report with a section per stack.
 */

/** How many `pulumi stack export`s run at once: each is a CLI process decrypting a state. */
const EXPORTS_AT_ONCE = 4;

/** The drift of a whole backend: each stack's report (or why it was not read), and the records no stack holds. */
export interface BackendDrift {
  stacks: { stack: string; report: DriftReport }[];
  unmanaged?: DriftReport;
}

/** The fully qualified names of every stack in the backend (`pulumi stack ls --all`). */
async function backendStacks(cwd: string): Promise<string[]> {
  const { stdout } = await pulumiCommand("", cwd)("stack", "ls", "--all", "--json");
  return (JSON.parse(stdout) as { name: string }[]).map((stack) => stack.name).sort();
}

/** Runs `work` over `items`, at most `width` at once, keeping their order. */
async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** The report of a stack whose state could not be read. */
function unreadStack(cause: string): DriftReport {
  return { drifted: false, resourcesChecked: 0, resourcesDrifted: 0, rows: [], problems: [cause] };
}

/** Every stack's drift, each server listed once per type. */
export async function backendDrift(cwd: string, env: Record<string, string | undefined>, options: { unmanaged: boolean }): Promise<BackendDrift> {
  const names = await backendStacks(cwd);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded while the stacks export, as in drift.ts
  const { compareStacksWithServers } = require("./liveComparison") as typeof import("./liveComparison");
  type Exported = { stack: string; resources: StateResource[] } | { stack: string; problem: string };
  const decrypt = secretsToDecrypt(env);
  const exported = await inBatches(names, EXPORTS_AT_ONCE, async (stack): Promise<Exported> => {
    try {
      const { deployment } = await exportStackRevealed(pulumiCommand(stack, cwd), decrypt);
      return { stack, resources: (deployment.resources ?? []) as StateResource[] };
    } catch (error) {
      return { stack, problem: failureText(error) };
    }
  });
  const readable = exported.filter((e): e is { stack: string; resources: StateResource[] } => "resources" in e);
  const compared = await compareStacksWithServers(readable, env, options);
  const byStack = new Map(compared.stacks.map((s) => [s.stack, s.report]));
  return {
    stacks: exported.map((e) => ({ stack: e.stack, report: "problem" in e ? unreadStack(e.problem) : byStack.get(e.stack)! })),
    ...(compared.unmanaged ? { unmanaged: compared.unmanaged } : {}),
  };
}
