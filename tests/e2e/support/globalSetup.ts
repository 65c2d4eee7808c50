import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalStack, LocalStack } from "../../../tools/localStack";
import { PostgresServer, startPostgres } from "../../../tools/postgres";
import { pulumiEnv } from "../../../tools/toolchain";
import { installPluginArchive, packPackage } from "../../../tools/userProject";

/**
 * Once per test run: packs the package as it would be published (each test's user project
 * installs that tarball), installs the native plugin from its release archive as the README
 * says (programs in every language find it in the plugin cache), and starts one local LiveKit
 * (Redis + livekit-server) and one PostgreSQL server (the team backend's suites) for all tests.
 */
export default async function globalSetup(): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-pulumi-e2e-"));
  const tarball = packPackage(path.join(runDir, "pack"));
  installPluginArchive(pulumiEnv(path.join(runDir, "state")));
  const httpPort = Number(process.env.LSP_E2E_HTTP_PORT ?? 7980);
  const redisPort = Number(process.env.LSP_E2E_REDIS_PORT ?? 6391);
  const postgresPort = Number(process.env.LSP_E2E_POSTGRES_PORT ?? 5491);
  const postgres = await startPostgres(
    // Its own folder: as root the server runs as the `postgres` user, who cannot enter runDir (0700).
    fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-pulumi-postgres-")),
    postgresPort,
  );
  const serverDir = path.join(runDir, "server");
  const stack = await startLocalStack({
    stateDir: serverDir,
    httpPort,
    redisPort,
    // Random, so that tests can assert it appears nowhere in state or output.
    apiSecret: `e2e-${randomBytes(16).toString("hex")}`,
  }).catch(async (error: unknown) => {
    await postgres.stop(); // jest runs no teardown after a failed setup
    throw error;
  });
  Object.assign(globalThis as { __localStack?: LocalStack; __postgres?: PostgresServer }, { __localStack: stack, __postgres: postgres });
  // Workers inherit the environment set here.
  process.env.LSP_E2E_DIR = runDir;
  process.env.LSP_E2E_SERVER_DIR = serverDir;
  process.env.LSP_E2E_TARBALL = tarball;
  process.env.LSP_E2E_URL = stack.credentials.url;
  // The server's Redis: where LiveKit's SIP service (and tools/sipprobe) asks how calls route.
  process.env.LSP_E2E_REDIS_PORT = String(redisPort);
  process.env.LSP_E2E_API_KEY = stack.credentials.apiKey;
  process.env.LSP_E2E_API_SECRET = stack.credentials.apiSecret;
  process.env.LSP_E2E_POSTGRES_PORT = String(postgresPort);
}
