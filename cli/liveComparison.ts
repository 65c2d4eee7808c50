import { SipApi } from "../provider/livekit/client";
import type { FieldValues } from "../provider/core/records";
import type { DriftReport } from "./driftReport";
import { liveRecords } from "./liveRecords";
import { revealedSipState, ServerSettings, settingsOfResources } from "./recordedSettings";
import type { StateResource } from "./stackState";
import { driftFromState, RecordedSipResource, recordedSipResources, ServerView } from "./stateDrift";

/*
 * The I/O of `livekit-sip-drift`'s default mode: each recorded resource's server and key, one
 * listing of each type from each server, then the pure comparison (stateDrift.ts). Loaded while
 * `pulumi stack export` runs, so its modules (LiveKit's protocol messages among them) cost no
 * wall time.
 */

/** Lists, from each server once, every type its recorded resources have. */
async function viewServers(recorded: readonly RecordedSipResource[], settings: ReadonlyMap<string, ServerSettings>): Promise<Map<string, ServerView>> {
  const views = new Map<string, ServerView>();
  await Promise.all(
    [...settings].map(async ([key, server]) => {
      if ("problem" in server) {
        views.set(key, { problem: server.problem, url: server.url });
        return;
      }
      const api = new SipApi(server.credentials);
      const types = [...new Set(recorded.filter((r) => r.server === key).map((r) => r.facts))];
      const records = new Map<string, Map<string, FieldValues>>();
      await Promise.all(types.map(async (facts) => records.set(facts.typeName, new Map((await liveRecords(api, facts)).map((r) => [r.id, r.fields])))));
      views.set(key, { records });
    }),
  );
  return views;
}

/** A stack's name and its exported resources (secrets as `--show-secrets` exports them). */
export interface ExportedStackResources {
  stack: string;
  resources: readonly StateResource[];
}

/** Each stack's SIP resources with the server key of each, and the settings of every server named. */
function recordedOfStacks(stacks: readonly ExportedStackResources[], env: Record<string, string | undefined>) {
  const settings = new Map<string, ServerSettings>();
  const recorded = stacks.map(({ stack, resources: exported }) => {
    const resources = revealedSipState(exported);
    const settingsOf = settingsOfResources(resources, env);
    return {
      stack,
      recorded: recordedSipResources(resources, (resource) => {
        const server = settingsOf(resource);
        settings.set(server.key, server);
        return server.key;
      }),
    };
  });
  return { recorded, settings };
}

/** The drift report of exported resources (secrets as `--show-secrets` exports them) against their servers now. */
export async function compareWithServers(exported: readonly StateResource[], env: Record<string, string | undefined>, options: { unmanaged: boolean }): Promise<DriftReport> {
  const { recorded, settings } = recordedOfStacks([{ stack: "", resources: exported }], env);
  return driftFromState(recorded[0].recorded, await viewServers(recorded[0].recorded, settings), options);
}

/**
 * The drift report of each of many stacks (a whole backend's), listing each server once per type
 * for all of them. With `unmanaged`, the records of a compared server that no stack records come
 * last, as a report of their own.
 */
export async function compareStacksWithServers(
  stacks: readonly ExportedStackResources[],
  env: Record<string, string | undefined>,
  options: { unmanaged: boolean },
): Promise<{ stacks: { stack: string; report: DriftReport }[]; unmanaged?: DriftReport }> {
  const { recorded, settings } = recordedOfStacks(stacks, env);
  const all = recorded.flatMap((r) => r.recorded);
  const views = await viewServers(all, settings);
  const reports = recorded.map(({ stack, recorded: mine }) => ({ stack, report: driftFromState(mine, views) }));
  if (!options.unmanaged) return { stacks: reports };
  const rows = driftFromState(all, views, { unmanaged: true }).rows.filter((row) => row.resource === "-");
  return { stacks: reports, unmanaged: { drifted: rows.length > 0, resourcesChecked: 0, resourcesDrifted: 0, rows } };
}
