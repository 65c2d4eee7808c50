import * as fs from "node:fs";
import type { LocalStack } from "../../../tools/localStack";
import type { PostgresServer } from "../../../tools/postgres";

/**
 * Stops the local LiveKit and the PostgreSQL server started by globalSetup, then removes the
 * run's folder (projects, state, packs: about 2 GB), unless LSP_E2E_KEEP=1 asks to look inside.
 */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis as { __localStack?: LocalStack; __postgres?: PostgresServer };
  await started.__localStack?.stop();
  await started.__postgres?.stop();
  if (process.env.LSP_E2E_KEEP !== "1" && process.env.LSP_E2E_DIR) fs.rmSync(process.env.LSP_E2E_DIR, { recursive: true, force: true });
}
