import type * as dynamic from "@pulumi/pulumi/dynamic";
import { changedFields, withHiddenPasswordAssumed } from "./compare";
import { FieldTable, fieldNames, secretConfigKey, secretFields } from "./fields";
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

/**
 * Kept in the outputs of a record read with nothing recorded (`pulumi import`): the secret fields
 * it holds on the server (and the username that goes with a password: a program may declare
 * neither or both, see inputRules.ts). The read leaves them out of the inputs it answers, from
 * which Pulumi prints the import's code, so that code never holds a secret (the outputs keep
 * them, encrypted in state like every secret). Until the program declares one of them, that field
 * stays as LiveKit holds it: diff finds nothing, an update writes nothing to it, drift does not
 * report it. A program that declares it (from secret config, or `livekit-sip-migrate`'s, which
 * declared it all along) manages it like any field: compared with what the import recorded.
 */
export const UNMANAGED_SECRETS = "unmanagedSecrets";

/** Whether a read is an import's (`pulumi import`): it comes with nothing recorded. */
export function isImportRead(recorded: Record<string, unknown>): boolean {
  return Object.keys(recorded).length === 0;
}

/** The fields an import leaves unmanaged: the secret ones the live record holds, with the username of a password. */
function leftOutOnImport(table: FieldTable, outputs: Record<string, unknown>): string[] {
  const secrets = secretFields(table).filter((field) => outputs[field] !== undefined);
  const username = secrets.includes("authPassword") && outputs.authUsername !== undefined ? ["authUsername"] : [];
  return [...username, ...secrets];
}

/** The secret fields a recorded resource leaves unmanaged that `declared` (when given) still does not declare. */
export function unmanagedSecrets(recorded: Record<string, unknown>, declared?: Record<string, unknown>): string[] {
  const listed = recorded[UNMANAGED_SECRETS];
  return Array.isArray(listed) ? listed.filter((field): field is string => typeof field === "string" && (declared === undefined || declared[field] === undefined)) : [];
}

/**
 * What an import says of the secret fields it left out of the printed code: that LiveKit keeps
 * them, and the secret config key to set for each should the program manage it
 * ({@link secretConfigKey} of the resource's name). Names only, no value.
 */
export function importedSecretsAdvice(shape: { noun: string; table: FieldTable }, id: string, resourceName: string, leftOut: readonly string[]): string {
  const secrets = leftOut.filter((field) => shape.table[field]?.secret);
  const withUsername = leftOut.includes("authUsername") ? " with authUsername (digest authentication needs both)" : "";
  const one = secrets.length === 1 && withUsername === "";
  const steps = secrets.map((field) => `pulumi config set --secret ${secretConfigKey(resourceName, field)} <${field} of ${id}${shape.table[field]?.kind === "map" ? ", as JSON" : ""}>`);
  const declareUsername = withUsername ? "authUsername (as lk lists it) and " : "";
  return (
    `imported ${shape.noun} ${id}: ${secrets.join(", ")} ${secrets.length === 1 ? "is a secret" : "are secrets"}, left out of the printed code${withUsername}; LiveKit keeps ${one ? "it as it is" : "them as they are"}. ` +
    `To manage ${one ? "it" : "them"} from the program: ${steps.join("; ")}; then declare ${declareUsername}each secret from its key (config.requireSecret / requireSecretObject, require_secret in Python, \${key} in YAML)`
  );
}

/** Outputs with the list of the fields left unmanaged, or without a list when there are none. */
export function withUnmanagedSecrets(outputs: Record<string, unknown>, unmanaged: readonly string[]): Record<string, unknown> {
  const { [UNMANAGED_SECRETS]: _listed, ...rest } = outputs;
  return unmanaged.length === 0 ? rest : { ...rest, [UNMANAGED_SECRETS]: [...unmanaged] };
}

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

/**
 * The fields whose declared value is not known yet (a preview's), and both sides without them.
 * An unmanaged field the program does not declare counts as declared as recorded: no change.
 */
function knownPart(table: FieldTable, recorded: Record<string, unknown>, declared: Record<string, unknown>) {
  const unknown: string[] = fieldNames(table).filter((field) => containsUnknown(declared[field]));
  const asRecorded = Object.fromEntries(unmanagedSecrets(recorded, declared).map((field) => [field, recorded[field]]));
  const known = Object.fromEntries(Object.entries({ ...declared, ...asRecorded }).filter(([key]) => !unknown.includes(key)));
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
  // An import's secrets stay out of the inputs it answers (UNMANAGED_SECRETS).
  const unmanaged = isImportRead(props) ? leftOutOnImport(shape.table, outs) : unmanagedSecrets(props);
  const { [shape.idOutput]: _id, ...liveInputs } = outs;
  const declaredInputs = Object.fromEntries(Object.entries(liveInputs).filter(([field]) => !unmanaged.includes(field)));
  return { id, props: { ...withUnmanagedSecrets(outs, unmanaged), ...management }, inputs: { ...declaredInputs, ...management } };
}
