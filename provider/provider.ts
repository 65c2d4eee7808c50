import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { SIPInboundTrunkInfo } from "@livekit/protocol";
import { SipApi } from "./client";
import { createSafely } from "./createSafely";
import { ConfigSource, Credentials, resolveCredentials } from "./credentials";
import { ProviderError, quoted } from "./errors";
import { DELETED_FIELD, DIFF_PREFIX, LOG_PREFIX } from "./logLines";
import { describePlan, planTrunkUpdate } from "./plan";
import { RefreshReads } from "./refreshReads";
import { CoalescedReads } from "./coalescedReads";
import { ADOPTED_TRUNK_GONE, declaredTrunk, fieldsDiffering, outputsFor, readResult, RecordedOutputs, TrunkInputs, TrunkOutputs } from "./results";
import { TrunkFields, TRUNK_FIELD_NAMES } from "./trunk";
import { checkTrunkInputs, containsUnknown, InputProblem } from "./validate";
import { changesToWire, trunkFromWire, trunkToWire } from "./wire";

/**
 * The resource provider the engine talks to: thin I/O around validate → plan. One instance per
 * provider process; Pulumi loads it by requiring `livekit-sip-pulumi/provider` (see index.ts).
 */

/**
 * Adopted trunk IDs known to be deleted, from the marked inputs of this run's checks: the engine
 * checks the replacing resource again without its old inputs, so the mark alone is not enough.
 */
const spentAdoptions = new Set<string>();

let config: ConfigSource | undefined;
/** The settings' problem, found by `configure`; check reports it, other calls throw it. */
let credentialsProblem: string | undefined;
let credentials: Credentials | undefined;
let api: SipApi | undefined;
let refreshReads: RefreshReads | undefined;

/**
 * Why calls outside a program run can see settings the stack config no longer has: the engine
 * runs `destroy` and `refresh` with the provider configuration recorded at the last `up`.
 */
const RECORDED_CONFIG_HINT =
  "pulumi destroy and pulumi refresh use the LiveKit settings recorded at the stack's last pulumi up, not the current stack config; " +
  "if the stack config has them now, run pulumi up first (it records them), or add --run-program (pulumi destroy --run-program)";

/** The API client, made on first use so that check and diff never send anything. */
function sipApi(): SipApi {
  if (credentialsProblem) throw new ProviderError(`${credentialsProblem}. ${RECORDED_CONFIG_HINT}`);
  api ??= new SipApi(credentials!, {
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

let freshReads: CoalescedReads | undefined;

/** The trunk as it is now (not from the refresh listing): for planning a write. */
function readLive(sipTrunkId: string): Promise<SIPInboundTrunkInfo | undefined> {
  freshReads ??= new CoalescedReads((ids) => sipApi().listInboundTrunks(ids));
  return freshReads.read(sipTrunkId);
}

/**
 * How long the read that `check` made of a trunk to adopt stands in for the read before the
 * adoption's write. The engine calls create right after check within one step, so this saves
 * a List per adoption; a preview's read (minutes before an `up` is confirmed) is never reused.
 */
const ADOPTION_READ_REUSE_MS = 2000;
const adoptionReads = new Map<string, { at: number; live: Promise<SIPInboundTrunkInfo | undefined> }>();

/** The live trunk to adopt: the read check just made, or a fresh one. */
function readForAdoption(sipTrunkId: string): Promise<SIPInboundTrunkInfo | undefined> {
  const recent = adoptionReads.get(sipTrunkId);
  adoptionReads.delete(sipTrunkId);
  return recent && Date.now() - recent.at <= ADOPTION_READ_REUSE_MS ? recent.live : readLive(sipTrunkId);
}

/** Brings a live trunk to the declared one with at most one write, chosen by the planner. */
async function converge(id: string, live: SIPInboundTrunkInfo, declared: TrunkFields, model: Record<string, unknown>, what: string): Promise<TrunkOutputs> {
  const plan = planTrunkUpdate(trunkFromWire(live), declared);
  report(`${what} ${id}: ${describePlan(plan)}`);
  switch (plan.action) {
    case "noop":
      return outputsFor(id, trunkFromWire(live), declared, model);
    case "update":
      return outputsFor(id, trunkFromWire(await sipApi().updateInboundTrunkFields(id, changesToWire(plan.changes))), declared, model);
    case "replace":
      return outputsFor(id, trunkFromWire(await sipApi().replaceInboundTrunk(id, trunkToWire(plan.trunk))), declared, model);
  }
}

/** Why an adoption cannot go ahead when the trunk is not on the server (preview and up say the same). */
function adoptedTrunkMissing(adoptTrunkId: string): string {
  return `trunk ${adoptTrunkId} does not exist on the LiveKit server; check the ID (lk sip inbound list) or remove adoptTrunkId to create a new trunk`;
}

/** `adoptTrunkId`, when the inputs name a trunk to adopt (known, non-empty). */
function adoptionTarget(inputs: Record<string, unknown>): string | undefined {
  return typeof inputs.adoptTrunkId === "string" && inputs.adoptTrunkId !== "" && !containsUnknown(inputs.adoptTrunkId) ? inputs.adoptTrunkId : undefined;
}

/**
 * What adopting will do, said at preview (one List, coalesced with the other adoptions): a
 * problem when the trunk does not exist, else a line naming the live fields the adoption will
 * change, so a reviewer sees before `up` that, say, the live password will be overwritten.
 */
async function previewAdoption(adoptTrunkId: string, inputs: Record<string, unknown>): Promise<InputProblem[]> {
  const read = { at: Date.now(), live: readLive(adoptTrunkId) };
  adoptionReads.set(adoptTrunkId, read);
  const live = await read.live;
  if (!live) {
    return [{ property: "adoptTrunkId", reason: adoptedTrunkMissing(adoptTrunkId) }];
  }
  if (TRUNK_FIELD_NAMES.some((field) => containsUnknown(inputs[field]))) return [];
  const declared = declaredTrunk(inputs);
  // Planned exactly as `converge` will plan the adoption's write, so the warning names what up sends.
  const plan = planTrunkUpdate(trunkFromWire(live), declared);
  if (plan.action !== "noop") report(`warning: adopting ${adoptTrunkId} will change its live ${plan.changed.join(", ")} (${describePlan(plan)})`);
  return [];
}

/** The implementation behind every `InboundTrunk`. */
export const inboundTrunkProvider: dynamic.ResourceProvider<TrunkInputs, RecordedOutputs> = {
  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    config = req.config;
    api = undefined;
    refreshReads = undefined;
    freshReads = undefined;
    adoptionReads.clear();
    credentials = undefined;
    credentialsProblem = undefined;
    try {
      credentials = resolveCredentials(config, process.env);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      credentialsProblem = error.message;
    }
  },

  async check(olds: TrunkInputs, news: TrunkInputs): Promise<dynamic.CheckResult<TrunkInputs>> {
    const { inputs, problems } = checkTrunkInputs(news);
    // Settings are checked with the inputs so that `pulumi preview` fails before any request.
    if (credentialsProblem) return { inputs, failures: [...problems, { property: "", reason: credentialsProblem }] };
    const gone = olds[ADOPTED_TRUNK_GONE];
    if (typeof gone === "string") spentAdoptions.add(gone);
    if (typeof inputs.adoptTrunkId === "string" && spentAdoptions.has(inputs.adoptTrunkId)) {
      // The adopted trunk was deleted outside Pulumi; adoptTrunkId is spent (see ADOPTED_TRUNK_GONE).
      inputs[ADOPTED_TRUNK_GONE] = inputs.adoptTrunkId;
      delete inputs.adoptTrunkId;
    }
    const adoptTrunkId = adoptionTarget(inputs);
    const isNew = Object.keys(olds).length === 0;
    if (adoptTrunkId && isNew && problems.length === 0) problems.push(...(await previewAdoption(adoptTrunkId, inputs)));
    return { inputs, failures: problems };
  },

  async diff(id: string, olds: RecordedOutputs, news: TrunkInputs): Promise<dynamic.DiffResult> {
    if (olds[ADOPTED_TRUNK_GONE] === id) {
      report(`${DIFF_PREFIX} ${id}: ${DELETED_FIELD}`);
      return { changes: true, replaces: [ADOPTED_TRUNK_GONE], deleteBeforeReplace: true };
    }
    const changed = fieldsDiffering(olds, news);
    // The engine drops a dynamic provider's detailed diff, so say it here: this line is what the
    // drift command reads to name drifted fields, secret ones included (names only, no values).
    if (changed.length > 0) report(`${DIFF_PREFIX} ${id}: ${changed.join(", ")}`);
    // Every field changes in place, so nothing ever asks for replacement; should a user force one
    // (`--target-replace`, `replaceOnChanges`), the old trunk must go first or its numbers conflict.
    return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: true };
  },

  async create(inputs: TrunkInputs): Promise<dynamic.CreateResult<TrunkOutputs>> {
    const declared = declaredTrunk(inputs);
    const adoptTrunkId = adoptionTarget(inputs);
    if (adoptTrunkId) {
      const live = await readForAdoption(adoptTrunkId);
      if (!live) {
        throw new ProviderError(`adoptTrunkId: ${adoptedTrunkMissing(adoptTrunkId)}`);
      }
      const converged = await converge(adoptTrunkId, live, declared, inputs, "adopted");
      return { id: adoptTrunkId, outs: { ...converged, adoptTrunkId } };
    }
    const created = await createSafely(sipApi(), declared, report);
    const replacing = typeof inputs[ADOPTED_TRUNK_GONE] === "string" ? `, replacing adopted trunk ${inputs[ADOPTED_TRUNK_GONE]} that was deleted outside Pulumi (its adoptTrunkId can be removed from the program)` : "";
    report(`created trunk ${created.sipTrunkId}${declared.name ? ` (${quoted(declared.name)})` : ""}${replacing}`);
    return { id: created.sipTrunkId, outs: outputsFor(created.sipTrunkId, trunkFromWire(created), declared, inputs) };
  },

  async read(id: string, props: RecordedOutputs = {}): Promise<dynamic.ReadResult<RecordedOutputs>> {
    refreshReads ??= new RefreshReads(() => sipApi().listAllInboundTrunks());
    const live = await refreshReads.read(id);
    const result = readResult(id, props, live && trunkFromWire(live));
    if (!live && result.id) report(`adopted trunk ${id} was deleted outside Pulumi; the next pulumi up creates a new trunk in its place`);
    return result;
  },

  async update(id: string, _olds: RecordedOutputs, news: TrunkInputs): Promise<dynamic.UpdateResult<TrunkOutputs>> {
    const declared = declaredTrunk(news);
    const live = await readLive(id);
    if (!live) {
      throw new ProviderError(`trunk ${id} no longer exists on the LiveKit server; run pulumi refresh to forget it, then pulumi up to create it again`);
    }
    const outs = await converge(id, live, declared, news, "trunk");
    return { outs: typeof news.adoptTrunkId === "string" ? { ...outs, adoptTrunkId: news.adoptTrunkId } : outs };
  },

  async delete(id: string): Promise<void> {
    await sipApi().deleteTrunk(id);
    report(`deleted trunk ${id}`);
  },
};
