import type * as dynamic from "@pulumi/pulumi/dynamic";
import { changedFields, withHiddenPasswordAssumed } from "./compare";
import { inProgramSpelling } from "./spelling";
import { completeTrunk, sparseTrunk, TRUNK_FIELD_NAMES, TrunkFieldName, TrunkFields } from "./trunk";
import { containsUnknown, specFromInputs } from "./validate";

/**
 * What the provider answers the engine, computed from what it was given and what it read: the
 * pure part of `provider.ts` (which does the I/O and the logging).
 */

/**
 * An `InboundTrunk`'s inputs as the engine passes them: trunk fields (as the program gave them
 * in `check`, checked and canonical everywhere else), `adoptTrunkId`, and the engine's `__provider`.
 */
export type TrunkInputs = Record<string, unknown>;

/** The outputs of an `InboundTrunk`: the trunk as LiveKit holds it, in the program's spelling, plus its ID. */
export type TrunkOutputs = Record<string, unknown> & { sipTrunkId: string };

/** Outputs as read back from state, where nothing is guaranteed. */
export type RecordedOutputs = Record<string, unknown>;

/**
 * Kept in the inputs of a resource whose adopted trunk was deleted outside Pulumi: the ID that
 * `adoptTrunkId` named. The next `up` replaces the resource with a new trunk, and from then on
 * the program's `adoptTrunkId` (still that ID) is recognised as spent instead of failing.
 */
export const ADOPTED_TRUNK_GONE = "adoptedTrunkGone";

/** The complete trunk that checked inputs (or recorded outputs) declare. */
export function declaredTrunk(inputs: Record<string, unknown>): TrunkFields {
  return completeTrunk(specFromInputs(inputs));
}

/**
 * The resource's outputs: the live trunk, spelled as `model` (the program's inputs, or outputs
 * recorded in their spelling) spells it.
 */
export function outputsFor(sipTrunkId: string, live: TrunkFields, declared: TrunkFields, model: Record<string, unknown>): TrunkOutputs {
  return { sipTrunkId, ...inProgramSpelling(sparseTrunk(withHiddenPasswordAssumed(live, declared)), model) };
}

/** The fields that differ between recorded outputs and declared inputs; those not known yet (preview) count as differing. */
export function fieldsDiffering(recorded: Record<string, unknown>, declared: Record<string, unknown>): TrunkFieldName[] {
  const unknown = TRUNK_FIELD_NAMES.filter((field) => containsUnknown(declared[field]));
  const known = Object.fromEntries(Object.entries(declared).filter(([key]) => !unknown.includes(key as TrunkFieldName)));
  const comparable = Object.fromEntries(Object.entries(recorded).filter(([key]) => !unknown.includes(key as TrunkFieldName)));
  return [...unknown, ...changedFields(declaredTrunk(comparable), declaredTrunk(known))];
}

/**
 * What `read` (refresh) answers, given the recorded outputs and the live trunk (undefined when
 * the server no longer has it). A trunk deleted out of band is dropped from state (`{}`), so the
 * next `up` creates it again; an adopted one stays, marked with {@link ADOPTED_TRUNK_GONE},
 * because its program still names the deleted ID.
 */
export function readResult(id: string, props: RecordedOutputs, live: TrunkFields | undefined): dynamic.ReadResult<RecordedOutputs> {
  // adoptTrunkId is how the trunk came under management, not a trunk field: keep it.
  const management = typeof props.adoptTrunkId === "string" ? { adoptTrunkId: props.adoptTrunkId } : {};
  if (!live) {
    if (!management.adoptTrunkId) return {};
    const { sipTrunkId: _recordedId, ...recordedInputs } = props;
    return { id, props: { ...props, [ADOPTED_TRUNK_GONE]: id }, inputs: { ...recordedInputs, [ADOPTED_TRUNK_GONE]: id } };
  }
  const outs = outputsFor(id, live, declaredTrunk(props), props);
  const { sipTrunkId: _id, ...liveInputs } = outs;
  return { id, props: { ...outs, ...management }, inputs: { ...liveInputs, ...management } };
}
