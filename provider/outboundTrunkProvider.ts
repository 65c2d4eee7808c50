import { lazyProvider } from "./lazyProvider";

/*
 * The package's `./provider/outbound-trunk` export: this module's exports object is the provider
 * of every `OutboundTrunk`, so Pulumi stores each resource's `__provider` as a `require` of it
 * (see index.ts for why). The implementation loads on the engine's first call.
 */
export = lazyProvider(() => {
  const { providerFor } = require("./provider") as typeof import("./provider");
  const { OUTBOUND_TRUNK } = require("./resources") as typeof import("./resources");
  return providerFor(OUTBOUND_TRUNK);
});
