import type { LocalStack } from "../../../tools/localStack";
import type { PostgresServer } from "../../../tools/postgres";

/** Stops the local LiveKit and the PostgreSQL server started by globalSetup. */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis as { __localStack?: LocalStack; __postgres?: PostgresServer };
  await started.__localStack?.stop();
  await started.__postgres?.stop();
}
