import { factsOfType } from "../provider/core/resourceFacts";
import { nativeTypeToken } from "../provider/core/resourceType";
import type { StateResource } from "./stackState";

/*
 * Moving a stack from the dynamic resources to the native package's, the pure part of
 * livekit-sip-migrate: which state entries to forget and which records to import in their place,
 * under the same names and IDs. Forgetting (`pulumi state delete`) and importing (`pulumi
 * import`, a read) send no write to LiveKit, so no trunk or rule is recreated or changed.
 */

/** One entry of a `pulumi import --file` file. */
export interface ImportEntry {
  type: string;
  name: string;
  id: string;
  /**
   * The plugin version, as the program's SDK asks for it: the engine keys default providers by
   * version, and a resource imported under another provider would be replaced by the program's.
   */
  version: string;
}

/** What the move does, and what it cannot move. */
export interface MigrationPlan {
  /** Dynamic resources to drop from state, dispatch rules first (they depend on trunks). */
  forget: string[];
  /** Native resources to import in their place. */
  imports: ImportEntry[];
  /** Resources left as they are, with why. */
  refused: { urn: string; reason: string }[];
}

/** The resource's name, the last part of its URN. */
const nameOf = (urn: string) => urn.split("::").pop() ?? "";

/** Dispatch rules depend on trunks, so they are forgotten first. */
const forgetOrder = (type: string) => (type.endsWith(":DispatchRule") ? 0 : 1);

/** The plan for a stack's recorded resources. */
export function migrationPlan(resources: readonly StateResource[], version: string): MigrationPlan {
  const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
  const plan: MigrationPlan = { forget: [], imports: [], refused: [] };
  const movable = resources.filter((r) => factsOfType(r.type) && r.type.startsWith("pulumi-nodejs:dynamic/")).sort((a, b) => forgetOrder(a.type) - forgetOrder(b.type));
  for (const resource of movable) {
    const facts = factsOfType(resource.type)!;
    if (!resource.id) plan.refused.push({ urn: resource.urn, reason: "it has no ID yet (a pending create): run livekit-sip-recover first" });
    else if (resource.parent && resource.parent !== stackUrn) plan.refused.push({ urn: resource.urn, reason: `it is a child of ${resource.parent}: move it by hand with pulumi import's nameTable` });
    else {
      plan.forget.push(resource.urn);
      plan.imports.push({ type: nativeTypeToken(facts), name: nameOf(resource.urn), id: resource.id, version });
    }
  }
  return plan;
}
