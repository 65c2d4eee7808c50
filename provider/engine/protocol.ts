import type * as grpcTypes from "@grpc/grpc-js";
import type * as engineGrpcTypes from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineTypes from "@pulumi/pulumi/proto/engine_pb";
import type * as pluginTypes from "@pulumi/pulumi/proto/plugin_pb";
import type * as providerGrpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as providerTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

/*
 * Pulumi's provider protocol as `@pulumi/pulumi` ships it: the generated gRPC services and
 * messages, and the gRPC and protobuf runtimes they were generated for (the versions
 * `@pulumi/pulumi` depends on, pinned as this package's build dependencies). Only the native
 * plugin uses it, and the plugin runs as one bundled file (tools/pluginArchive.ts), so each
 * runtime is the single copy the bundle holds: the messages built here are the very classes the
 * generated code serializes.
 */

export const grpc = require("@grpc/grpc-js") as typeof grpcTypes;
export const providerProto = require("@pulumi/pulumi/proto/provider_pb") as typeof providerTypes;
export const providerService = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof providerGrpcTypes;
export const pluginProto = require("@pulumi/pulumi/proto/plugin_pb") as typeof pluginTypes;
export const engineProto = require("@pulumi/pulumi/proto/engine_pb") as typeof engineTypes;
export const engineService = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof engineGrpcTypes;
export const structProto = require("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
export const emptyProto = require("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;

export type { grpcTypes, providerGrpcTypes, providerTypes, structTypes };
