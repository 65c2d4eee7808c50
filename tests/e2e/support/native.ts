import * as path from "node:path";
import { DEFAULT_LEG, installPackageGlobally } from "../../../tools/userProject";

/**
 * The package's commands and policy pack as the README gives them to YAML, Go and Python users:
 * a global npm install of the packed package into a prefix of the test run's "home" (once per
 * run). The plugin is not there: globalSetup installed it from its release archive.
 */
export function packageCommandsBin(): string {
  return installPackageGlobally(path.join(process.env.LSP_E2E_DIR!, "home", ".livekit-sip-pulumi"), process.env.LSP_E2E_TARBALL!, DEFAULT_LEG);
}
