import type * as dynamic from "@pulumi/pulumi/dynamic";
import { changedFields, withHiddenPasswordAssumed } from "./compare";
import { FieldTable, fieldNames } from "./fields";
import { planUpdate } from "./plan";
import { completeFields, FieldValues, sparseFields } from "./records";
import type { RecordShape } from "../livekit/resources";
import { inProgramSpelling } from "./spelling";
import { containsUnknown, fieldsFromInputs } from "./validate";

/**
 * What the provider answers the engine, computed from what it was given and what it read: the
 * pure part of `engine/providerFor.ts` (which does the I/O and the logging). The same for every resource.
 */

/**
 * A resource's inputs as the engine passes them: its fields (as the program gave them in
 * `check`, checked and canonical everywhere else), the adoption input, and the engine's `__provider`.
 */
export type ResourceInputs = Record<string, unknown>;

/** A resource's outputs: the record as LiveKit holds it, in the program's spelling, plus its ID. */
export type ResourceOutputs = Record<string, unknown>;

/** Outputs as read back from state, where nothing is guaranteed. */
export type RecordedOutputs = Record<string, unknown>;

/**
 * Kept in the inputs of a resource whose adopted record was deleted outside Pulumi: the ID that
 * the adoption input named. The next `up` replaces the resource with a new record, and from then
 * on the program's adoption input (still that ID) is recognised as spent instead of failing.
 */
export const ADOPTED_TRUNK_GONE = "adoptedTrunkGone";

/** The complete record that checked inputs (or recorded outputs) declare. */
export function declaredFields(table: FieldTable, inputs: Record<string, unknown>): FieldValues {
  return completeFields(table, fieldsFromInputs(table, inputs));
}

/**
 * The resource's outputs: the live record, spelled as `model` (the program's inputs, or outputs
 * recorded in their spelling) spells it.
 */
export function outputsFor(shape: RecordShape, id: string, live: FieldValues, declared: FieldValues, model: Record<string, unknown>): ResourceOutputs {
  return { [shape.idOutput]: id, ...inProgramSpelling(shape.table, sparseFields(shape.table, withHiddenPasswordAssumed(live, declared)), model) };
}

/** The fields that differ between recorded outputs and declared inputs; those not known yet (preview) count as differing. */
export function fieldsDiffering(table: FieldTable, recorded: Record<string, unknown>, declared: Record<string, unknown>): string[] {
  const { unknown, comparable, known } = knownPart(table, recorded, declared);
  return [...unknown, ...changedFields(table, declaredFields(table, comparable), declaredFields(table, known))];
}

/** The fields whose declared value is not known yet (a preview's), and both sides without them. */
function knownPart(table: FieldTable, recorded: Record<string, unknown>, declared: Record<string, unknown>) {
  const unknown: string[] = fieldNames(table).filter((field) => containsUnknown(declared[field]));
  const known = Object.fromEntries(Object.entries(declared).filter(([key]) => !unknown.includes(key)));
  const comparable = Object.fromEntries(Object.entries(recorded).filter(([key]) => !unknown.includes(key)));
  return { unknown, comparable, known };
}

/**
 * Which write an update of the recorded resource to the declared one will cost, for a preview
 * (the planner over the recorded values, as `update` plans over the live ones): `a field update
 * (name, numbers)` or `a replace of the same ID: krispEnabled cannot change in place`. Never a value.
 */
export function plannedWrite(table: FieldTable, recorded: Record<string, unknown>, declared: Record<string, unknown>): string {
  const { unknown, comparable, known } = knownPart(table, recorded, declared);
  const plan = planUpdate(table, declaredFields(table, comparable), declaredFields(table, known));
  const pending = unknown.length > 0 ? `; ${unknown.join(", ")} known only once applied` : "";
  switch (plan.action) {
    case "noop":
      return `a field update or a replace of the same ID, once ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} known`;
    case "update":
      return `a field update (${plan.changed.join(", ")})${pending}`;
    case "replace": {
      const others = plan.changed.filter((field) => !plan.because.includes(field));
      return `a replace of the same ID: ${plan.because.join(", ")} cannot change in place${others.length > 0 ? ` (also ${others.join(", ")})` : ""}${pending}`;
    }
  }
}

/**
 * What `read` (refresh) answers, given the recorded outputs and the live record (undefined when
 * the server no longer has it). A record deleted out of band is dropped from state (`{}`), so the
 * next `up` creates it again; an adopted one stays, marked with {@link ADOPTED_TRUNK_GONE},
 * because its program still names the deleted ID.
 */
export function readResult(
  shape: RecordShape & { adoptInput: string },
  id: string,
  props: RecordedOutputs,
  live: FieldValues | undefined,
): dynamic.ReadResult<RecordedOutputs> {
  // The adoption input is how the record came under management, not a field: keep it.
  const adopted = props[shape.adoptInput];
  const management = typeof adopted === "string" ? { [shape.adoptInput]: adopted } : {};
  if (!live) {
    if (typeof adopted !== "string") return {};
    const { [shape.idOutput]: _recordedId, ...recordedInputs } = props;
    return { id, props: { ...props, [ADOPTED_TRUNK_GONE]: id }, inputs: { ...recordedInputs, [ADOPTED_TRUNK_GONE]: id } };
  }
  const outs = outputsFor(shape, id, live, declaredFields(shape.table, props), props);
  const { [shape.idOutput]: _id, ...liveInputs } = outs;
  return { id, props: { ...outs, ...management }, inputs: { ...liveInputs, ...management } };
}
