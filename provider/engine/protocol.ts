import { createRequire } from "node:module";
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
 * messages, and the gRPC and protobuf runtimes they were generated for, so that the messages
 * built here are the very classes the generated code serializes. Two places run this:
 * - from node_modules (the dynamic-provider host logs to its engine through it): the runtimes
 *   are loaded from beside `@pulumi/pulumi`, whatever package manager laid node_modules out,
 *   since this package does not depend on them itself;
 * - in the native plugin's bundle (tools/pluginArchive.ts defines LIVEKIT_SIP_BUNDLE), where
 *   there is no node_modules: the one copy of each the bundle holds (build dependencies pinned at
 *   the versions `@pulumi/pulumi` depends on).
 */

declare const LIVEKIT_SIP_BUNDLE: boolean | undefined;
const inBundle = typeof LIVEKIT_SIP_BUNDLE !== "undefined" && LIVEKIT_SIP_BUNDLE;
const besidePulumi = inBundle ? undefined : createRequire(require.resolve("@pulumi/pulumi"));

export const grpc = (besidePulumi ? besidePulumi("@grpc/grpc-js") : require("@grpc/grpc-js")) as typeof grpcTypes;
export const providerProto = require("@pulumi/pulumi/proto/provider_pb") as typeof providerTypes;
export const providerService = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof providerGrpcTypes;
export const pluginProto = require("@pulumi/pulumi/proto/plugin_pb") as typeof pluginTypes;
export const engineProto = require("@pulumi/pulumi/proto/engine_pb") as typeof engineTypes;
export const engineService = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof engineGrpcTypes;
export const structProto = (besidePulumi ? besidePulumi("google-protobuf/google/protobuf/struct_pb") : require("google-protobuf/google/protobuf/struct_pb")) as typeof structTypes;
export const emptyProto = (besidePulumi ? besidePulumi("google-protobuf/google/protobuf/empty_pb") : require("google-protobuf/google/protobuf/empty_pb")) as typeof emptyTypes;

export type { grpcTypes, providerGrpcTypes, providerTypes, structTypes };
