import { lazyProvider } from "./lazyProvider";

/*
 * The package's `./provider/dispatch-rule` export: this module's exports object is the provider
 * of every `DispatchRule`, which the SDK's stub requires by this name (see index.ts).
 * The implementation loads on the engine's first call.
 */
export = lazyProvider(() => {
  const { providerFor } = require("../engine/providerFor") as typeof import("../engine/providerFor");
  const { DISPATCH_RULE } = require("../livekit/resources") as typeof import("../livekit/resources");
  return providerFor(DISPATCH_RULE);
});
