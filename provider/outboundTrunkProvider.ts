import { providerFor } from "./provider";
import { OUTBOUND_TRUNK } from "./resources";

/*
 * The package's `./provider/outbound-trunk` export: this module's exports object is the provider
 * of every `OutboundTrunk`, so Pulumi stores each resource's `__provider` as a `require` of it
 * (see index.ts for why).
 */
export = providerFor(OUTBOUND_TRUNK);
