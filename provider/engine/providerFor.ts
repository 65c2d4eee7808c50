import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { Message } from "@bufbuild/protobuf";
import { SipApi, SipApiError } from "../livekit/client";
import { createSafely } from "../livekit/createSafely";
import { ConfigSource, Credentials, resolveCredentials } from "../livekit/credentials";
import { ProviderError, quoted } from "../core/errors";
import { fieldNames } from "../core/fields";
import { DELETED_FIELD, DIFF_PREFIX } from "../core/logLines";
import { describePlan, planUpdate } from "../core/plan";
import type { FieldValues } from "../core/records";
import { FreshReads } from "../livekit/freshReads";
import { RefreshReads } from "../livekit/refreshReads";
import { INBOUND_TRUNK, SipResource } from "../livekit/resources";
import { ADOPTED_TRUNK_GONE, declaredFields, fieldsDiffering, outputsFor, plannedWrite, readResult, RecordedOutputs, ResourceInputs, ResourceOutputs, unmanagedSecrets, withUnmanagedSecrets } from "../core/results";
import { checkInputs, containsUnknown, InputProblem } from "../core/validate";
import { dynamicHostReporter, Reporter } from "./report";
import { about, retryHooks, retryNoticesFor } from "./retryNotices";
import { changesToWire, fromWire, toWire } from "../core/wire";

/**
 * The resource provider the engine talks to: thin I/O around validate → plan, the same for every
 * SIP resource. One instance per resource type and provider process; Pulumi loads it by
 * requiring the package's provider module for that type (see ../dynamic/index.ts).
 */

/**
 * Why calls outside a program run can see settings the stack config no longer has: the engine
 * runs `destroy` and `refresh` with the provider configuration recorded at the last `up`.
 */
const RECORDED_CONFIG_HINT =
  "pulumi destroy and pulumi refresh use the LiveKit settings recorded at the stack's last pulumi up, not the current stack config; " +
  "if the stack config has them now, run pulumi up first (it records them), or add --run-program (pulumi destroy --run-program)";

export type { Reporter } from "./report";

/**
 * How long the read that `check` made of a record to adopt stands in for the read before the
 * adoption's write. The engine calls create right after check within one step, so this saves
 * a List per adoption; a preview's read (minutes before an `up` is confirmed) is never reused.
 */
const ADOPTION_READ_REUSE_MS = 2000;

/** The provider of one SIP resource type. */
/** A diff's answer, with the fields that differ (a native host reports them to the engine one by one). */
export type FieldsDiff = dynamic.DiffResult & { changedFields: string[] };

/** The provider of one SIP resource: the methods the dynamic-provider host calls, which the native host calls too. */
export type SipProvider = Required<Omit<dynamic.ResourceProvider<ResourceInputs, RecordedOutputs>, "diff">> & {
  diff(id: string, olds: RecordedOutputs, news: ResourceInputs): Promise<FieldsDiff>;
};

export function providerFor(resource: SipResource, report: Reporter = dynamicHostReporter): SipProvider {
  const { noun, rpcs, table, adoptInput } = resource;
  const retries = retryNoticesFor(report);
  /** What the retry lines of a call about this record call it. */
  const subject = (id: string) => `${noun} ${id}`;
  /**
   * Adopted IDs known to be deleted, from the marked inputs of this run's checks: the engine
   * checks the replacing resource again without its old inputs, so the mark alone is not enough.
   */
  const spentAdoptions = new Set<string>();
  let config: ConfigSource | undefined;
  /** The settings' problem, found by `configure`; check reports it, other calls throw it. */
  let credentialsProblem: string | undefined;
  let credentials: Credentials | undefined;
  let api: SipApi | undefined;
  let refreshReads: RefreshReads<Message> | undefined;
  let freshReads: FreshReads<Message> | undefined;
  const adoptionReads = new Map<string, { at: number; live: Promise<Message | undefined> }>();

  /** The API client, made on first use so that check and diff never send anything. */
  function sipApi(): SipApi {
    if (credentialsProblem) throw new ProviderError(`${credentialsProblem}. ${RECORDED_CONFIG_HINT}`);
    api ??= new SipApi(credentials!, retryHooks(retries));
    return api;
  }

  /** Every record on the server, by ID (paged as the server pages). */
  async function listServer(): Promise<Map<string, Message>> {
    return new Map((await sipApi().listAll(rpcs)).map((record) => [rpcs.idOf(record), record]));
  }

  /** Reads for planning writes, shared by the updates of one operation (see FreshReads). */
  function liveReads(): FreshReads<Message> {
    freshReads ??= new FreshReads((ids) => sipApi().listByIds(rpcs, ids), listServer);
    return freshReads;
  }

  /** The record as it is now (not from the refresh listing): for planning a write. */
  function readLive(id: string): Promise<Message | undefined> {
    return liveReads().read(id);
  }

  /** The live record to adopt: the read check just made, or a fresh one. */
  function readForAdoption(id: string): Promise<Message | undefined> {
    const recent = adoptionReads.get(id);
    adoptionReads.delete(id);
    return recent && Date.now() - recent.at <= ADOPTION_READ_REUSE_MS ? recent.live : readLive(id);
  }

  /** Brings a live record to the declared one with at most one write, chosen by the planner. */
  async function converge(id: string, live: Message, declared: FieldValues, model: Record<string, unknown>, what: string): Promise<ResourceOutputs> {
    const liveFields = fromWire(resource.wire, live);
    const plan = planUpdate(table, liveFields, declared);
    // Ephemeral, like every line said once per record: shown as the run goes, not repeated in its
    // closing summary, which at 500 records would otherwise repeat 500 lines.
    report(`${what} ${id}: ${describePlan(plan, table)}`, { ephemeral: true });
    switch (plan.action) {
      case "noop":
        return outputsFor(resource, id, liveFields, declared, model);
      case "update": {
        const updated = await sipApi().update(rpcs, id, { case: "update", value: changesToWire(resource.wire, plan.changes) });
        return outputsFor(resource, id, fromWire(resource.wire, updated), declared, model);
      }
      case "replace": {
        const replaced = await sipApi().update(rpcs, id, { case: "replace", value: toWire(resource.wire, plan.fields) });
        return outputsFor(resource, id, fromWire(resource.wire, replaced), declared, model);
      }
    }
  }

  /** Why an adoption cannot go ahead when the record is not on the server (preview and up say the same). */
  function adoptedMissing(id: string): string {
    return `${noun} ${id} does not exist on the LiveKit server; check the ID (${resource.listCommand}) or remove ${adoptInput} to create a new ${noun}`;
  }

  /** The adoption input, when the inputs name a record to adopt (known, non-empty). */
  function adoptionTarget(inputs: Record<string, unknown>): string | undefined {
    const target = inputs[adoptInput];
    return typeof target === "string" && target !== "" && !containsUnknown(target) ? target : undefined;
  }

  /**
   * What adopting will do, said at preview (one List per adoption; the engine checks one resource at a time): a
   * problem when the record does not exist, else a line naming the live fields the adoption will
   * change, so a reviewer sees before `up` that, say, the live password will be overwritten.
   */
  async function previewAdoption(id: string, inputs: Record<string, unknown>): Promise<InputProblem[]> {
    const read = { at: Date.now(), live: readLive(id) };
    adoptionReads.set(id, read);
    const live = await read.live;
    if (!live) return [{ property: adoptInput, reason: adoptedMissing(id) }];
    if (fieldNames(table).some((field) => containsUnknown(inputs[field]))) return [];
    // Planned exactly as `converge` will plan the adoption's write, so the warning names what up sends.
    const plan = planUpdate(table, fromWire(resource.wire, live), declaredFields(table, inputs));
    if (plan.action !== "noop") report(`warning: adopting ${id} will change its live ${plan.changed.join(", ")} (${describePlan(plan, table)})`);
    return [];
  }

  return credentialsExplainedOnce({
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

    async check(olds: ResourceInputs, news: ResourceInputs): Promise<dynamic.CheckResult<ResourceInputs>> {
      const { inputs, problems } = checkInputs(resource.input, news);
      // Settings are checked with the inputs so that `pulumi preview` fails before any request.
      if (credentialsProblem) return { inputs, failures: [...problems, { property: "", reason: credentialsProblem }] };
      const gone = olds[ADOPTED_TRUNK_GONE];
      if (typeof gone === "string") spentAdoptions.add(gone);
      const named = inputs[adoptInput];
      if (typeof named === "string" && spentAdoptions.has(named)) {
        // The adopted record was deleted outside Pulumi; the adoption input is spent (see ADOPTED_TRUNK_GONE).
        inputs[ADOPTED_TRUNK_GONE] = named;
        delete inputs[adoptInput];
      }
      const target = adoptionTarget(inputs);
      const isNew = Object.keys(olds).length === 0;
      if (!isNew && problems.length === 0) liveReads().checked();
      if (target && isNew && problems.length === 0) problems.push(...(await previewAdoption(target, inputs)));
      return { inputs, failures: problems };
    },

    async diff(id: string, olds: RecordedOutputs, news: ResourceInputs): Promise<FieldsDiff> {
      if (olds[ADOPTED_TRUNK_GONE] === id) {
        liveReads().diffed(id, false);
        report(`${DIFF_PREFIX} ${id}: ${DELETED_FIELD}`);
        return { changes: true, replaces: [ADOPTED_TRUNK_GONE], deleteBeforeReplace: true, changedFields: [ADOPTED_TRUNK_GONE] };
      }
      const changed = fieldsDiffering(table, olds, news);
      // The engine drops a dynamic provider's detailed diff, so say it here: this line is what the
      // drift command reads to name drifted fields, secret ones included (names only, no values).
      // Ephemeral: the preview's own diff says it again, so the closing summary need not.
      if (changed.length > 0) {
        report(`${DIFF_PREFIX} ${id}: ${changed.join(", ")}`, { ephemeral: true });
        // What `up` will send, as its log will say: a preview of a same-ID replace otherwise looks like a field update.
        report(`${noun} ${id} will take ${plannedWrite(table, olds, news)}`, { ephemeral: true });
      }
      // Said, not read (no request here): the update's read then shares one List with the others'.
      liveReads().diffed(id, changed.length > 0);
      // Every field changes in place, so nothing ever asks for replacement; should a user force one
      // (`--target-replace`, `replaceOnChanges`), the old record must go first or it may conflict.
      return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: true, changedFields: changed };
    },

    async create(inputs: ResourceInputs): Promise<dynamic.CreateResult<ResourceOutputs>> {
      const declared = declaredFields(table, inputs);
      const target = adoptionTarget(inputs);
      if (target) {
        const live = await about(subject(target), () => readForAdoption(target));
        if (!live) throw new ProviderError(`${adoptInput}: ${adoptedMissing(target)}`);
        const converged = await about(subject(target), () => converge(target, live, declared, inputs, "adopted"));
        return { id: target, outs: { ...converged, [adoptInput]: target } };
      }
      const name = typeof declared.name === "string" && declared.name ? ` (${quoted(declared.name)})` : "";
      const created = await about(`new ${noun}${name}`, () => createSafely(sipApi(), resource, declared, report, retries));
      const id = rpcs.idOf(created);
      const replacing =
        typeof inputs[ADOPTED_TRUNK_GONE] === "string"
          ? `, replacing adopted ${noun} ${inputs[ADOPTED_TRUNK_GONE]} that was deleted outside Pulumi (its ${adoptInput} can be removed from the program)`
          : "";
      // Advice (the adoption input can go) stays in the closing summary; a plain create is said once.
      report(`created ${noun} ${id}${name}${replacing}`, { ephemeral: replacing === "" });
      return { id, outs: outputsFor(resource, id, fromWire(resource.wire, created), declared, inputs) };
    },

    async read(id: string, props: RecordedOutputs = {}): Promise<dynamic.ReadResult<RecordedOutputs>> {
      refreshReads ??= new RefreshReads(listServer);
      const live = await about(subject(id), () => refreshReads!.read(id));
      const result = readResult(resource, id, props, live && fromWire(resource.wire, live));
      if (!live && result.id) report(`adopted ${noun} ${id} was deleted outside Pulumi; the next pulumi up creates a new ${noun} in its place`);
      return result;
    },

    async update(id: string, olds: RecordedOutputs, news: ResourceInputs): Promise<dynamic.UpdateResult<ResourceOutputs>> {
      const live = await about(subject(id), () => readLive(id));
      if (!live) {
        throw new ProviderError(`${noun} ${id} no longer exists on the LiveKit server; run pulumi refresh to forget it, then pulumi up to create it again`);
      }
      // Secret fields an import left unmanaged that the program still does not declare: as live holds them.
      const unmanaged = unmanagedSecrets(olds, news);
      const liveFields = fromWire(resource.wire, live);
      const declared = { ...declaredFields(table, news), ...Object.fromEntries(unmanaged.map((field) => [field, liveFields[field]])) };
      const outs = withUnmanagedSecrets(await about(subject(id), () => converge(id, live, declared, news, noun)), unmanaged);
      const adopted = news[adoptInput];
      return { outs: typeof adopted === "string" ? { ...outs, [adoptInput]: adopted } : outs };
    },

    async delete(id: string): Promise<void> {
      await about(subject(id), () => sipApi().delete(rpcs, id));
      report(`deleted ${noun} ${id}`, { ephemeral: true });
    },
  });
}

/** Twirp codes of a key LiveKit will not take: every call of the run fails the same way. */
const CREDENTIAL_CODES = new Set(["unauthenticated", "permission_denied"]);
/** Those already explained in full by an error of this provider process. */
const credentialsExplained = new Set<string>();

/**
 * The provider whose errors explain a rejected key in full once per process: the engine lists
 * every failing resource's error (in its row, and again in the run's summary), so the later
 * ones say the fact briefly and point at the first.
 */
function credentialsExplainedOnce(provider: SipProvider): SipProvider {
  const briefly = (error: unknown): unknown => {
    if (!(error instanceof SipApiError) || !CREDENTIAL_CODES.has(error.code)) return error;
    if (!credentialsExplained.has(error.code)) {
      credentialsExplained.add(error.code);
      return error;
    }
    const fact = error.code === "unauthenticated" ? "LiveKit rejected the credentials" : "the API key lacks the SIP admin grant";
    return new ProviderError(`${error.method}: ${fact} (as in the first error of this run, which says what to check)`);
  };
  const guarded = <A extends unknown[], R>(method: (...args: A) => Promise<R>) => (...args: A) => method(...args).catch((error: unknown) => Promise.reject(briefly(error)));
  return {
    configure: provider.configure,
    check: guarded(provider.check),
    diff: provider.diff,
    create: guarded(provider.create),
    read: guarded(provider.read),
    update: guarded(provider.update),
    delete: guarded(provider.delete),
  };
}

/** The implementation behind every `InboundTrunk`. */
export const inboundTrunkProvider = providerFor(INBOUND_TRUNK);
