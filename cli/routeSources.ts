import { httpBase, SipApi } from "../provider/livekit/client";
import { DISPATCH_RULE_FACTS, factsOfType, INBOUND_TRUNK_FACTS } from "../provider/core/resourceFacts";
import type { RoutedRule, RoutedTrunk } from "../provider/core/routing";
import { routedRuleOf, routedTrunkOf } from "../provider/core/routingRecords";
import type { RecordLabels } from "../provider/core/routingWords";
import { liveRecords } from "./liveRecords";
import { recorded, revealedSipState, ServerSettings, settingsFor, settingsOfResources } from "./recordedSettings";
import { resourceName } from "./driftReport";
import { providersByReference, StateResource } from "./stackState";

/*
 * The records `livekit-sip-route` routes with, per LiveKit server: the inbound trunks and dispatch
 * rules the stack's state records (what the last `pulumi up` applied), or with `--live` every
 * such record the server holds now, the stack's and any other. Each record is labelled with the
 * Pulumi resource that manages it, where one does.
 */

/** The records of one server, and how to name them. */
export interface ServerRecords {
  /** The server as recorded (or "the stack's server" when the state does not say). */
  server: string;
  trunks: RoutedTrunk[];
  rules: RoutedRule[];
  labels: RecordLabels;
}

/** Pulumi's name for each managed record: `InboundTrunk "main" (ST_x)`. */
function labelsFor(names: ReadonlyMap<string, string>): RecordLabels {
  const label = (typeName: string, id: string, name: string) => {
    const resource = names.get(id);
    if (resource) return `${typeName} "${resource}" (${id})`;
    return `${typeName} ${id}${name ? ` "${name}"` : ""} (not in the stack)`;
  };
  return { trunk: (t) => label(INBOUND_TRUNK_FACTS.typeName, t.id, t.name), rule: (r) => label(DISPATCH_RULE_FACTS.typeName, r.id, r.name) };
}

interface Recorded {
  resource: StateResource;
  /** Whether it is a trunk (else a dispatch rule). */
  trunk: boolean;
  server: string;
}

/** The stack's inbound trunks and dispatch rules with the server each was created on. */
function recordedRouting(resources: readonly StateResource[]): Recorded[] {
  const providers = providersByReference(resources);
  const found: Recorded[] = [];
  for (const resource of resources) {
    const facts = factsOfType(resource.type);
    if (!resource.custom || !resource.id || (facts !== INBOUND_TRUNK_FACTS && facts !== DISPATCH_RULE_FACTS)) continue;
    const url = recorded(resource.provider ? providers.get(resource.provider) : undefined, "url");
    found.push({ resource, trunk: facts === INBOUND_TRUNK_FACTS, server: url ? httpBase(url) : "the stack's server" });
  }
  return found;
}

/** What the last `pulumi up` recorded, per server. Secrets stay encrypted: routing needs none. */
export function stateRecords(resources: readonly StateResource[]): ServerRecords[] {
  const byServer = new Map<string, ServerRecords>();
  const names = new Map<string, string>();
  const found = recordedRouting(resources);
  for (const { resource } of found) names.set(resource.id!, resourceName(resource.urn));
  const labels = labelsFor(names);
  for (const { resource, trunk, server } of found) {
    const entry = byServer.get(server) ?? { server, trunks: [], rules: [], labels };
    byServer.set(server, entry);
    const fields = { ...(resource.inputs ?? {}), ...(resource.outputs ?? {}) };
    if (trunk) entry.trunks.push(routedTrunkOf(resource.id!, fields));
    else entry.rules.push(routedRuleOf(resource.id!, fields));
  }
  return [...byServer.values()];
}

/**
 * Every inbound trunk and dispatch rule on each server the stack's records live on, listed now
 * (state exported with `--show-secrets`, for the recorded keys; `LIVEKIT_*` override them).
 */
export async function liveServerRecords(resources: readonly StateResource[], env: Record<string, string | undefined>): Promise<ServerRecords[]> {
  const sip = revealedSipState(resources);
  const settingsOf = settingsOfResources(sip, env);
  const names = new Map<string, string>();
  const servers = new Map<string, ServerSettings>();
  for (const { resource } of recordedRouting(sip)) {
    names.set(resource.id!, resourceName(resource.urn));
    const settings = settingsOf(resource);
    servers.set(settings.key, settings);
  }
  // No record yet: the server LIVEKIT_* names.
  if (servers.size === 0) servers.set("env", settingsFor(undefined, env));
  const labels = labelsFor(names);
  return Promise.all(
    [...servers.values()].map(async (settings) => {
      if ("problem" in settings) throw new Error(settings.problem);
      const api = new SipApi(settings.credentials);
      const [trunks, rules] = await Promise.all([liveRecords(api, INBOUND_TRUNK_FACTS), liveRecords(api, DISPATCH_RULE_FACTS)]);
      return {
        server: httpBase(settings.credentials.url),
        trunks: trunks.map((r) => routedTrunkOf(r.id, r.fields)),
        rules: rules.map((r) => routedRuleOf(r.id, r.fields)),
        labels,
      };
    }),
  );
}
