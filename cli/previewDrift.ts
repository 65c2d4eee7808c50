import { CommandError, EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";
import { DriftReport, driftFromEvents, EngineEventLike } from "./driftReport";
import { failureSummary } from "./failureSummary";

/*
 * `livekit-sip-drift --preview`: drift against the program, from the engine events of
 * `pulumi preview --refresh` run through the Automation API. It runs the program (and every
 * provider it uses), so it needs every provider's credentials, and pending program edits show
 * as drift too; kept for those who want both in one report. Loaded only for this mode: the
 * Automation API costs the default mode's start-up a third of a second.
 */

/** The stack to check: the one named, else the one selected in the project. */
export async function selectedStack(cwd: string, stack: string): Promise<string> {
  if (stack) return stack;
  const selected = await (await LocalWorkspace.create({ workDir: cwd })).stack();
  if (!selected) throw new Error("no stack is selected in this project: pass --stack NAME (or run `pulumi stack select`)");
  return selected.name;
}

/** The drift report from a refreshing preview of the stack. Its console output is not shown: it is long, and the report says what matters. */
export async function previewDrift(cwd: string, stack: string): Promise<DriftReport> {
  const workspaceStack = await LocalWorkspace.selectStack({ stackName: stack, workDir: cwd });
  const events: EngineEvent[] = [];
  try {
    await workspaceStack.preview({ refresh: true, color: "never", onEvent: (event) => events.push(event) });
  } catch (error) {
    const stderr = error instanceof CommandError ? (error as unknown as { commandResult?: { stderr?: string } }).commandResult?.stderr : undefined;
    throw new Error(`the refreshing preview of stack ${stack} failed: ${failureSummary(stderr ?? String(error))}`);
  }
  if (events.length === 0) throw new Error(`the refreshing preview of stack ${stack} produced no engine events`);
  return driftFromEvents(events as EngineEventLike[]);
}
