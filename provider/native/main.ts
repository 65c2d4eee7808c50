#!/usr/bin/env node
import { engineAddressOf, exitWhenEngineGone } from "../engine/engineGone";
import { grpc, providerService } from "../engine/protocol";
import { nativeProviderService } from "./server";

/*
 * `pulumi-resource-livekit`, the native provider plugin. The engine starts it with its own
 * address as the last argument (after flags such as `--logtostderr`), reads the port of the
 * provider's gRPC server from the first line of its stdout, and ends it when done. Nothing else
 * is printed to stdout: the provider's lines go to the engine's log.
 */

// dist/provider/native/main.js → the package's own manifest (inlined into the plugin archive's bundle).
const { version } = require("../../../package.json") as { version: string };
const engineAddress = engineAddressOf(process.argv.slice(2));
exitWhenEngineGone(engineAddress);

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(providerService.ResourceProviderService, nativeProviderService({ version, engineAddress }));
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`pulumi-resource-livekit: cannot listen: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
