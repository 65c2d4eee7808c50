import { lazyProvider } from "./lazyProvider";

/*
 * The package's `./provider/outbound-trunk` export: this module's exports object is the provider
 * of every `OutboundTrunk`, which the SDK's stub requires by this name (see index.ts).
 * The implementation loads on the engine's first call.
 */
export = lazyProvider(() => {
  const { providerFor } = require("../engine/providerFor") as typeof import("../engine/providerFor");
  const { OUTBOUND_TRUNK } = require("../livekit/resources") as typeof import("../livekit/resources");
  return providerFor(OUTBOUND_TRUNK);
});
