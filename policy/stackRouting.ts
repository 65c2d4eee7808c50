import type { PolicyResource } from "@pulumi/policy";
import { DISPATCH_RULE_FACTS, factsOfType, INBOUND_TRUNK_FACTS } from "../provider/core/resourceFacts";
import { RoutedRule, RoutedTrunk, routingConfig } from "../provider/core/routing";
import { exploreCalls } from "../provider/core/routingCalls";
import { routingFindings, RoutingFinding } from "../provider/core/routingFindings";
import { routedRuleOf, routedTrunkOf } from "../provider/core/routingRecords";
import type { RecordLabels } from "../provider/core/routingWords";

/*
 * The routing findings of the records a preview is about to apply, read from the policy
 * framework's view of the stack: the dynamic resources' and the native package's inbound trunks
 * and dispatch rules alike. A trunk created in this update has no ID yet: it stands in by its
 * URN, and a rule whose `trunkIds` are still unknown names the trunks its `trunkIds` depend on.
 */

/** The framework's own object behind its proxy (which throws on reading a value unknown at preview). */
const PROXY_TARGET = "__getSpecialProxyTarget";
/** The framework's markers of values unknown at preview (`@pulumi/policy` proxy.js). */
const UNKNOWN_MARKERS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

function rawProps(resource: PolicyResource): Record<string, unknown> {
  const props = resource.props as Record<string, unknown>;
  return (props[PROXY_TARGET] as Record<string, unknown> | undefined) ?? props;
}

function isUnknown(value: unknown): boolean {
  if (typeof value === "string") return UNKNOWN_MARKERS.has(value);
  if (Array.isArray(value)) return value.some(isUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(isUnknown);
  return false;
}

/** LiveKit's ID of a record, or its URN standing in while the record is not created yet. */
function recordId(resource: PolicyResource, props: Record<string, unknown>, idOutput: string): string {
  const id = props[idOutput];
  return typeof id === "string" && id !== "" && !isUnknown(id) ? id : resource.urn;
}

/** What the stack's routing check found, or why it could not run at this preview. */
export type StackRouting = { findings: RoutingFinding[]; labels: RecordLabels; urnOf: (id: string) => string | undefined } | { notKnown: string[] };

const ROUTING_FIELDS = { trunk: ["numbers", "allowedNumbers", "allowedAddresses", "authUsername"], rule: ["rule", "inboundNumbers", "numbers"] };

/** The routing findings of a stack's resources as the policy framework shows them. */
export function stackRouting(resources: readonly PolicyResource[]): StackRouting {
  const trunkResources = resources.filter((r) => factsOfType(r.type) === INBOUND_TRUNK_FACTS);
  const ruleResources = resources.filter((r) => factsOfType(r.type) === DISPATCH_RULE_FACTS);
  const notKnown: string[] = [];
  const idOf = new Map<string, string>();
  const names = new Map<string, string>();
  const urns = new Map<string, string>();
  const trunks: RoutedTrunk[] = trunkResources.map((resource) => {
    const props = rawProps(resource);
    for (const field of ROUTING_FIELDS.trunk) if (isUnknown(props[field])) notKnown.push(`${resource.name}.${field}`);
    const id = recordId(resource, props, INBOUND_TRUNK_FACTS.idOutput);
    idOf.set(resource.urn, id);
    names.set(id, `InboundTrunk "${resource.name}"`);
    urns.set(id, resource.urn);
    return routedTrunkOf(id, props);
  });
  const rules: RoutedRule[] = ruleResources.map((resource) => {
    const props = rawProps(resource);
    for (const field of ROUTING_FIELDS.rule) if (isUnknown(props[field])) notKnown.push(`${resource.name}.${field}`);
    const id = recordId(resource, props, DISPATCH_RULE_FACTS.idOutput);
    names.set(id, `DispatchRule "${resource.name}"`);
    urns.set(id, resource.urn);
    const rule = routedRuleOf(id, props);
    if (isUnknown(props.trunkIds)) {
      // Not known until the trunks exist: the trunks the list was built from stand in for them.
      const known = Array.isArray(props.trunkIds) ? props.trunkIds.filter((id): id is string => typeof id === "string" && !isUnknown(id)) : [];
      const dependedOn = (resource.propertyDependencies?.trunkIds ?? []).map((d) => idOf.get(d.urn)).filter((id): id is string => id !== undefined);
      if (dependedOn.length === 0) notKnown.push(`${resource.name}.trunkIds`);
      return { ...rule, trunkIds: [...new Set([...known, ...dependedOn])] };
    }
    return rule;
  });
  if (notKnown.length > 0) return { notKnown };
  const config = routingConfig(trunks, rules);
  const labels: RecordLabels = { trunk: (t) => names.get(t.id) ?? t.id, rule: (r) => names.get(r.id) ?? r.id };
  return { findings: routingFindings(config, exploreCalls(config)), labels, urnOf: (id) => urns.get(id) };
}
