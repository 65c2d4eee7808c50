/**
 * How Pulumi names this package's resource types: the module and names the SDK registers them
 * under, and the type tokens the engine records in state, URNs and events (dynamic resources get
 * the `pulumi-nodejs:dynamic/` prefix).
 */

/** The module part of every type. */
export const RESOURCE_MODULE = "livekit";
export const INBOUND_TRUNK_NAME = "InboundTrunk";
export const OUTBOUND_TRUNK_NAME = "OutboundTrunk";
export const DISPATCH_RULE_NAME = "DispatchRule";

function typeToken(name: string): string {
  return `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${name}`;
}

/** The type tokens in state and events, e.g. for `pulumi state` commands or stack transforms. */
export const INBOUND_TRUNK_TYPE = typeToken(INBOUND_TRUNK_NAME);
export const OUTBOUND_TRUNK_TYPE = typeToken(OUTBOUND_TRUNK_NAME);
export const DISPATCH_RULE_TYPE = typeToken(DISPATCH_RULE_NAME);
