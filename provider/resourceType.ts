/**
 * How Pulumi names the InboundTrunk resource type: the module and name the SDK registers it
 * under, and the type token the engine records in state, URNs and events (dynamic resources get
 * the `pulumi-nodejs:dynamic/` prefix).
 */

/** The module part of the type. */
export const INBOUND_TRUNK_MODULE = "livekit";
/** The name part of the type. */
export const INBOUND_TRUNK_NAME = "InboundTrunk";
/** The type token in state and events, e.g. for `pulumi state` commands or stack transforms. */
export const INBOUND_TRUNK_TYPE = `pulumi-nodejs:dynamic/${INBOUND_TRUNK_MODULE}:${INBOUND_TRUNK_NAME}`;
