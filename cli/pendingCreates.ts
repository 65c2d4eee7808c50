import type { SIPInboundTrunkInfo } from "@livekit/protocol";
import { changedFields } from "../provider/core/compare";
import { TRUNK_FIELDS } from "../provider/core/fields";
import { declaredFields } from "../provider/core/results";
import { TRUNK_FIELD_NAMES, TrunkFieldName } from "../provider/core/trunk";
import { trunkFromWire } from "../provider/core/wire";
import { INBOUND_TRUNK_TYPE } from "../provider/core/resourceType";
import { isSecretValue } from "./stateValues";

/**
 * After `pulumi up` is killed, the state lists the creates that were in flight as pending
 * operations, and the trunks they made exist on the server unrecorded. This matches each pending
 * create to the one live trunk equal to its inputs and writes it into the state as created, so
 * that refresh and up converge instead of creating it again. Pure: deployment in, deployment out.
 */

/** The parts of `pulumi stack export` this module touches. */
export interface Deployment {
  /** `time`: when the state was last written, i.e. the interrupted run's last step. */
  manifest?: { time?: string };
  resources?: StateResource[];
  pending_operations?: { resource: StateResource; type: string }[];
  [key: string]: unknown;
}

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What happened to each pending create of an InboundTrunk. */
export interface Recovery {
  urn: string;
  /** The live trunk now recorded for it. */
  recovered?: string;
  /** Why it was left pending (no or several identical trunks). */
  unresolved?: string;
  /** Live trunks equal to it, when unresolved: 0 means its create has not landed (yet). */
  liveMatches?: number;
}


/** Fields compared: those whose stored input is readable (secrets are ciphertext here). */
function comparableFields(inputs: Record<string, unknown>): TrunkFieldName[] {
  return TRUNK_FIELD_NAMES.filter((field) => !isSecretValue(inputs[field]));
}

/** Resolves pending InboundTrunk creates against the live trunks; returns the new deployment. */
export function recoverPendingCreates(deployment: Deployment, live: SIPInboundTrunkInfo[]): { deployment: Deployment; recoveries: Recovery[] } {
  const recorded = new Set((deployment.resources ?? []).map((r) => r.id).filter(Boolean));
  const unclaimed = live.filter((t) => !recorded.has(t.sipTrunkId));
  const resources = [...(deployment.resources ?? [])];
  const pending: NonNullable<Deployment["pending_operations"]> = [];
  const recoveries: Recovery[] = [];

  for (const operation of deployment.pending_operations ?? []) {
    const { resource } = operation;
    if (operation.type !== "creating" || resource.type !== INBOUND_TRUNK_TYPE) {
      pending.push(operation);
      continue;
    }
    const inputs = resource.inputs ?? {};
    const fields = comparableFields(inputs);
    const plain = Object.fromEntries(Object.entries(inputs).filter(([key]) => !isSecretValue(inputs[key])));
    const declared = declaredFields(TRUNK_FIELDS, plain);
    const matches = unclaimed.filter((t) => {
      const differing = changedFields(TRUNK_FIELDS, trunkFromWire(t), declared);
      return differing.every((field) => !fields.includes(field));
    });
    if (matches.length !== 1) {
      recoveries.push({
        urn: resource.urn,
        unresolved: matches.length === 0 ? "no live trunk matches it (the create never landed)" : `${matches.length} live trunks match it`,
        liveMatches: matches.length,
      });
      if (matches.length > 1) pending.push(operation);
      continue;
    }
    const [match] = matches;
    unclaimed.splice(unclaimed.indexOf(match), 1);
    resources.push({ ...resource, id: match.sipTrunkId, outputs: { ...inputs, sipTrunkId: match.sipTrunkId } });
    recoveries.push({ urn: resource.urn, recovered: match.sipTrunkId });
  }
  return { deployment: { ...deployment, resources, pending_operations: pending }, recoveries };
}
