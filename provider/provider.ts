import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { SIPInboundTrunkInfo } from "@livekit/protocol";
import { SipApi } from "./client";
import { changedFields } from "./compare";
import { createSafely } from "./createSafely";
import { ConfigSource, resolveCredentials } from "./credentials";
import { DIFF_PREFIX, LOG_PREFIX } from "./logLines";
import { describePlan, planTrunkUpdate } from "./plan";
import { RefreshReads } from "./refreshReads";
import { CoalescedReads } from "./coalescedReads";
import { completeTrunk, sparseTrunk, TrunkFieldName, TrunkFields, TRUNK_FIELD_NAMES } from "./trunk";
import { checkTrunkInputs, containsUnknown, specFromInputs } from "./validate";
import { changesToWire, trunkFromWire, trunkToWire } from "./wire";

/**
 * The resource provider the engine talks to: thin I/O around validate → plan. One instance per
 * provider process; it is loaded by the serialized stub in `sdk/`, never serialized itself.
 */

/** The outputs of an `InboundTrunk`: the trunk as LiveKit holds it, plus its ID. */
export type TrunkOutputs = ReturnType<typeof sparseTrunk> & { sipTrunkId: string };

let config: ConfigSource | undefined;
let api: SipApi | undefined;
let refreshReads: RefreshReads | undefined;

/** The API client, made on first use so that check and diff never need credentials. */
function sipApi(): SipApi {
  api ??= new SipApi(resolveCredentials(config, process.env), {
    onRetry: (method, attempt, error) => report(`retrying ${method} (attempt ${attempt + 1}) after ${error.code}${error.status ? ` (HTTP ${error.status})` : ""}`),
  });
  return api;
}

/**
 * Lines for the `pulumi up` log. The engine shows what a provider plugin prints; values are never
 * printed, only field names, so secrets cannot leak here.
 */
function report(message: string): void {
  console.log(`${LOG_PREFIX} ${message}`);
}

function outputsFor(sipTrunkId: string, live: TrunkFields, declared: TrunkFields): TrunkOutputs {
  // Servers that do not return the password (LiveKit Cloud) would otherwise make it look unset.
  const fields = live.authPassword === "" && live.authUsername !== "" ? { ...live, authPassword: declared.authPassword } : live;
  return { sipTrunkId, ...sparseTrunk(fields) };
}

function declaredTrunk(inputs: Record<string, unknown>): TrunkFields {
  return completeTrunk(specFromInputs(inputs));
}

/** The fields whose declared value is not known yet (preview) count as changed. */
function fieldsDiffering(recorded: Record<string, unknown>, declared: Record<string, unknown>): TrunkFieldName[] {
  const unknown = TRUNK_FIELD_NAMES.filter((field) => containsUnknown(declared[field]));
  const known = Object.fromEntries(Object.entries(declared).filter(([key]) => !unknown.includes(key as TrunkFieldName)));
  const comparable = Object.fromEntries(Object.entries(recorded).filter(([key]) => !unknown.includes(key as TrunkFieldName)));
  return [...unknown, ...changedFields(declaredTrunk(comparable), declaredTrunk(known))];
}

let freshReads: CoalescedReads | undefined;

/** The trunk as it is now (not from the refresh listing): for planning a write. */
function readLive(sipTrunkId: string): Promise<SIPInboundTrunkInfo | undefined> {
  freshReads ??= new CoalescedReads((ids) => sipApi().listInboundTrunks(ids));
  return freshReads.read(sipTrunkId);
}

/** Brings a live trunk to the declared one with at most one write, chosen by the planner. */
async function converge(id: string, live: SIPInboundTrunkInfo, declared: TrunkFields, what: string): Promise<TrunkOutputs> {
  const plan = planTrunkUpdate(trunkFromWire(live), declared);
  report(`${what} ${id}: ${describePlan(plan)}`);
  switch (plan.action) {
    case "noop":
      return outputsFor(id, trunkFromWire(live), declared);
    case "update":
      return outputsFor(id, trunkFromWire(await sipApi().updateInboundTrunkFields(id, changesToWire(plan.changes))), declared);
    case "replace":
      return outputsFor(id, trunkFromWire(await sipApi().replaceInboundTrunk(id, trunkToWire(plan.trunk))), declared);
  }
}

/** The implementation behind every `InboundTrunk`. */
export const inboundTrunkProvider: dynamic.ResourceProvider = {
  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    config = req.config;
    api = undefined;
    refreshReads = undefined;
    freshReads = undefined;
  },

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    const { inputs, problems } = checkTrunkInputs(news);
    return { inputs, failures: problems };
  },

  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const changed = fieldsDiffering(olds, news);
    // The engine drops a dynamic provider's detailed diff, so say it here: this line is what the
    // drift command reads to name drifted fields, secret ones included (names only, no values).
    if (changed.length > 0) report(`${DIFF_PREFIX} ${id}: ${changed.join(", ")}`);
    // Every field changes in place, so nothing ever asks for replacement; should a user force one
    // (`--target-replace`, `replaceOnChanges`), the old trunk must go first or its numbers conflict.
    return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: true };
  },

  async create(inputs: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const declared = declaredTrunk(inputs);
    const adoptTrunkId = typeof inputs.adoptTrunkId === "string" ? inputs.adoptTrunkId : "";
    if (adoptTrunkId) {
      const live = await readLive(adoptTrunkId);
      if (!live) {
        throw new Error(`adoptTrunkId: trunk ${adoptTrunkId} does not exist on the LiveKit server; check the ID (lk sip inbound list) or remove adoptTrunkId to create a new trunk`);
      }
      const converged = await converge(adoptTrunkId, live, declared, "adopted");
      return { id: adoptTrunkId, outs: { ...converged, adoptTrunkId } };
    }
    const created = await createSafely(sipApi(), declared, report);
    report(`created trunk ${created.sipTrunkId}${declared.name ? ` (${JSON.stringify(declared.name)})` : ""}`);
    return { id: created.sipTrunkId, outs: outputsFor(created.sipTrunkId, trunkFromWire(created), declared) };
  },

  async read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    refreshReads ??= new RefreshReads(() => sipApi().listAllInboundTrunks());
    const live = await refreshReads.read(id);
    if (!live) return {}; // deleted out of band: the engine drops it from state
    const recorded = declaredTrunk(props);
    const outs = outputsFor(id, trunkFromWire(live), recorded);
    const { sipTrunkId: _id, ...liveInputs } = outs;
    // adoptTrunkId is how the trunk came under management, not a trunk field: keep it.
    const inputs = typeof props.adoptTrunkId === "string" ? { ...liveInputs, adoptTrunkId: props.adoptTrunkId } : liveInputs;
    return { id, props: typeof props.adoptTrunkId === "string" ? { ...outs, adoptTrunkId: props.adoptTrunkId } : outs, inputs };
  },

  async update(id: string, _olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    const declared = declaredTrunk(news);
    const live = await readLive(id);
    if (!live) {
      throw new Error(`trunk ${id} no longer exists on the LiveKit server; run \`pulumi refresh\` to forget it, then \`pulumi up\` to create it again`);
    }
    const outs = await converge(id, live, declared, "trunk");
    return { outs: typeof news.adoptTrunkId === "string" ? { ...outs, adoptTrunkId: news.adoptTrunkId } : outs };
  },

  async delete(id: string): Promise<void> {
    await sipApi().deleteTrunk(id);
    report(`deleted trunk ${id}`);
  },
};
