import { changedFields } from "../provider/core/compare";
import { factsOfType, ResourceFacts } from "../provider/core/resourceFacts";
import { declaredFields } from "../provider/core/results";
import type { LiveRecord } from "./liveRecords";
import type { Deployment, StateOperation } from "./stackState";
import { isSecretValue } from "../provider/core/secretValues";

/**
 * After `pulumi up` is killed, the state lists the creates that were in flight as pending
 * operations, and the records they made exist on the server unrecorded. This matches each pending
 * create of a SIP resource (any of the three types, dynamic or native) to the one live record of
 * its type equal to its inputs, and writes it into the state as created, so that refresh and up
 * converge instead of creating it again. Pure: deployment in, deployment out.
 */

/** What happened to each pending create of a SIP resource. */
export interface Recovery {
  urn: string;
  /** The SDK class, e.g. `OutboundTrunk`. */
  typeName: string;
  /** The live record now recorded for it. */
  recovered?: string;
  /** Why it was left pending (no or several identical records). */
  unresolved?: string;
  /** Live records equal to it, when unresolved: 0 means its create has not landed (yet). */
  liveMatches?: number;
}

/** The SIP resource types that have a pending create: the ones whose records must be listed. */
export function typesPendingCreate(deployment: Deployment): ResourceFacts[] {
  const types = new Set<ResourceFacts>();
  for (const { type, resource } of deployment.pending_operations ?? []) {
    const facts = factsOfType(resource.type);
    if (type === "creating" && facts) types.add(facts);
  }
  return [...types];
}

/** Whether a live record equals the stored inputs in every field whose value is readable (secrets are ciphertext here). */
function matchesInputs(facts: ResourceFacts, inputs: Record<string, unknown>, live: LiveRecord): boolean {
  const readable = Object.fromEntries(Object.entries(inputs).filter(([, value]) => !isSecretValue(value)));
  const differing = changedFields(facts.table, live.fields, declaredFields(facts.table, readable));
  return differing.every((field) => field in inputs && isSecretValue(inputs[field]));
}

/** Resolves pending creates against the live records of each type (keyed by the SDK class name); returns the new deployment. */
export function recoverPendingCreates(deployment: Deployment, live: ReadonlyMap<string, readonly LiveRecord[]>): { deployment: Deployment; recoveries: Recovery[] } {
  const recorded = new Set((deployment.resources ?? []).map((r) => r.id).filter(Boolean));
  const unclaimed = new Map([...live].map(([typeName, records]) => [typeName, records.filter((r) => !recorded.has(r.id))]));
  const resources = [...(deployment.resources ?? [])];
  const pending: StateOperation[] = [];
  const recoveries: Recovery[] = [];

  for (const operation of deployment.pending_operations ?? []) {
    const { resource } = operation;
    const facts = factsOfType(resource.type);
    if (operation.type !== "creating" || !facts) {
      pending.push(operation);
      continue;
    }
    const inputs = resource.inputs ?? {};
    const candidates = unclaimed.get(facts.typeName) ?? [];
    const matches = candidates.filter((record) => matchesInputs(facts, inputs, record));
    if (matches.length !== 1) {
      recoveries.push({
        urn: resource.urn,
        typeName: facts.typeName,
        unresolved: matches.length === 0 ? `no live ${facts.noun} matches it (the create never landed)` : `${matches.length} live ${facts.noun}s match it`,
        liveMatches: matches.length,
      });
      if (matches.length > 1) pending.push(operation);
      continue;
    }
    const [match] = matches;
    candidates.splice(candidates.indexOf(match), 1);
    resources.push({ ...resource, id: match.id, outputs: { ...inputs, [facts.idOutput]: match.id } });
    recoveries.push({ urn: resource.urn, typeName: facts.typeName, recovered: match.id });
  }
  return { deployment: { ...deployment, resources, pending_operations: pending }, recoveries };
}
