import type { InboundTrunkArgs } from "livekit-sip-pulumi";

/**
 * A trunk that accepts calls to any number, but only from the carrier's signalling addresses.
 * LiveKit (and this provider's check) refuse an any-number trunk with neither credentials nor
 * allowed addresses. Kept apart from the program so that tests compare the live trunk with it.
 */
export const carrierTrunkArgs = {
  name: "Carrier (any number)",
  allowedAddresses: ["203.0.113.0/24", "2001:db8:10::/48"],
  headersToAttributes: { "X-Carrier-Call-Id": "carrier.callId" },
  includeHeaders: "SIP_X_HEADERS",
  ringingTimeout: "20s",
  maxCallDuration: "3600s",
  media: { encryption: "SIP_MEDIA_ENCRYPT_ALLOW", codecs: [{ name: "PCMU" }, { name: "G722" }] },
} satisfies InboundTrunkArgs;
