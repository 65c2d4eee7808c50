import * as path from "node:path";
import { DEFAULT_LEG, installNativePlugin } from "../../../tools/userProject";

/**
 * The native plugin as the README installs it for programs in any language: a global npm
 * install of the packed package into a prefix of the test run's "home" (once per run); its bin
 * holds `pulumi-resource-livekit`, which the CLI finds on PATH.
 */
export function nativePluginBin(): string {
  return installNativePlugin(path.join(process.env.LSP_E2E_DIR!, "home", ".livekit-sip-pulumi"), process.env.LSP_E2E_TARBALL!, DEFAULT_LEG);
}
