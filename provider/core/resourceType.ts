/**
 * How Pulumi names this package's resource types: the module and names the SDK registers them
 * under, and the type tokens the engine records in state, URNs and events: dynamic resources get
 * the `pulumi-nodejs:dynamic/` prefix, the native package's are `livekit:sip:<name>`.
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

/** The native package's name: the `livekit` in `livekit:sip:InboundTrunk` and `pulumi-resource-livekit`. */
export const PACKAGE_NAME = "livekit";

/** The module of the SIP resources in the native package's type tokens. */
export const SIP_MODULE = "sip";

/** A native resource's type token, e.g. `livekit:sip:InboundTrunk`. */
export function nativeTypeToken(resource: { typeName: string }): string {
  return `${PACKAGE_NAME}:${SIP_MODULE}:${resource.typeName}`;
}
