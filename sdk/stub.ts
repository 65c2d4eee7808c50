import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The provider object Pulumi serializes into every resource's state as `__provider`.
 *
 * It holds no state and captures nothing: each method loads the real implementation from the
 * installed package by name when called. That keeps `__provider` small and free of credentials,
 * and lets a package upgrade fix read and delete for resources created before it (the engine runs
 * the stored stub, which loads whatever version is installed).
 *
 * Do not import anything into this file's functions: the closure serializer would copy it by value.
 */
export const inboundTrunkStub: dynamic.ResourceProvider = {
  configure(req) {
    return require("livekit-sip-pulumi/provider").inboundTrunkProvider.configure(req);
  },
  check(olds, news) {
    return require("livekit-sip-pulumi/provider").inboundTrunkProvider.check(olds, news);
  },
  diff(id, olds, news) {
    return require("livekit-sip-pulumi/provider").inboundTrunkProvider.diff(id, olds, news);
  },
  create(inputs) {
    return require("livekit-sip-pulumi/provider").inboundTrunkProvider.create(inputs);
  },
  read(id, props) {
    return require("livekit-sip-pulumi/provider").inboundTrunkProvider.read(id, props);
  },
  update(id, olds, news) {
    return require("livekit-sip-pulumi/provider").inboundTrunkProvider.update(id, olds, news);
  },
  delete(id, props) {
    return require("livekit-sip-pulumi/provider").inboundTrunkProvider.delete(id, props);
  },
};
