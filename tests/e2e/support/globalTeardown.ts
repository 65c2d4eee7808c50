import type { LocalStack } from "../../../tools/localStack";

/** Stops the local LiveKit started by globalSetup. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __localStack?: LocalStack }).__localStack?.stop();
}
