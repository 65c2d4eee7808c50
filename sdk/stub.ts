import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The real provider, loaded from the installed package when a method is called. */
function implementation(): Required<dynamic.ResourceProvider> {
  return require("livekit-sip-pulumi/provider").inboundTrunkProvider;
}

/**
 * The provider object Pulumi serializes into every resource's state as `__provider`.
 *
 * It holds no state and captures nothing but `implementation`: each method loads the real
 * provider from the installed package by name when called. That keeps `__provider` small and free
 * of credentials, and lets a package upgrade fix read and delete for resources created before it
 * (the engine runs the stored stub, which loads whatever version is installed).
 *
 * Import nothing into these functions: the closure serializer would copy it by value.
 */
export const inboundTrunkStub: dynamic.ResourceProvider = {
  configure: (req) => implementation().configure(req),
  check: (olds, news) => implementation().check(olds, news),
  diff: (id, olds, news) => implementation().diff(id, olds, news),
  create: (inputs) => implementation().create(inputs),
  read: (id, props) => implementation().read(id, props),
  update: (id, olds, news) => implementation().update(id, olds, news),
  delete: (id, props) => implementation().delete(id, props),
};
