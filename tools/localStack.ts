import { parseArgs } from "node:util";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SipApi } from "../provider/livekit/client";
import { Credentials } from "../provider/livekit/credentials";
import { isAlive, portInUse, signalQuietly } from "./processes";
import { toolPath } from "./toolchain";

/**
 * A local LiveKit: Redis and `livekit-server` on 127.0.0.1, with the dev key pair. Used by the
 * demo, the end-to-end tests and the benchmarks. Both processes are started in their own process
 * groups and their PIDs written to the state folder, so another process can stop them.
 */

/** Where and how to run the local stack. */
export interface LocalStackOptions {
  /** Folder for logs, PIDs and Redis files. */
  stateDir: string;
  /** LiveKit HTTP/Twirp port; RTC uses the next two ports. @default 7880 */
  httpPort?: number;
  /** @default 6390 */
  redisPort?: number;
  /** Secret of the `devkey` key; tests use a random one so they can look for it in state. @default "secret" */
  apiSecret?: string;
}

/** The dev key pair of `livekit-server --dev`, for local use only. */
export const DEV_API_KEY = "devkey";
export const DEV_API_SECRET = "secret";

/** A running local stack. */
export interface LocalStack {
  credentials: Credentials;
  stop(): Promise<void>;
}

function startDetached(command: string, args: string[], logFile: string, pidFile: string): ChildProcess {
  const log = fs.openSync(logFile, "a");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  fs.writeFileSync(pidFile, String(child.pid));
  child.unref();
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops whatever a previous start left in `stateDir` (SIGTERM, then SIGKILL). */
export async function stopLocalStack(stateDir: string): Promise<void> {
  for (const name of ["livekit-server", "redis"]) {
    const pidFile = path.join(stateDir, `${name}.pid`);
    if (!fs.existsSync(pidFile)) continue;
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    if (pid > 0 && isAlive(pid)) {
      signalQuietly(-pid, "SIGTERM");
      for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
      if (isAlive(pid)) process.kill(-pid, "SIGKILL");
    }
    fs.rmSync(pidFile, { force: true });
  }
}

/** Waits until the SIP API answers a List call, or throws with the server log's tail. */
async function waitForSipApi(credentials: Credentials, logFile: string, timeoutMs: number): Promise<void> {
  const api = new SipApi(credentials, { requestTimeoutMs: 2000 });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await api.listAllInboundTrunks();
      return;
    } catch (error) {
      lastError = error;
      await sleep(200);
    }
  }
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n") : "";
  throw new Error(`livekit-server did not answer the SIP API within ${timeoutMs} ms (${String(lastError)})\n${tail}`);
}

/** Starts Redis and livekit-server and waits until the SIP API answers. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const httpPort = options.httpPort ?? 7880;
  const redisPort = options.redisPort ?? 6390;
  const apiSecret = options.apiSecret ?? DEV_API_SECRET;
  const stateDir = path.resolve(options.stateDir);
  fs.mkdirSync(stateDir, { recursive: true });
  await stopLocalStack(stateDir);
  // Never talk to a server someone else started: its trunks would leak into this one's results.
  for (const [what, port] of [["livekit-server", httpPort], ["redis", redisPort]] as const) {
    if (await portInUse(port)) {
      throw new Error(`port ${port} on 127.0.0.1 is already in use, so ${what} cannot start there; stop whatever holds it (another livekit-server or redis?) or choose another port`);
    }
  }

  startDetached(
    toolPath("redis-server"),
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", stateDir],
    path.join(stateDir, "redis.log"),
    path.join(stateDir, "redis.pid"),
  );
  const config = [
    `port: ${httpPort}`,
    `bind_addresses: ["127.0.0.1"]`,
    `rtc: { tcp_port: ${httpPort + 1}, udp_port: ${httpPort + 2}, use_external_ip: false }`,
    `redis: { address: "127.0.0.1:${redisPort}" }`,
    `keys: { ${DEV_API_KEY}: ${apiSecret} }`,
    `logging: { level: info }`,
  ].join("\n");
  const serverLog = path.join(stateDir, "livekit-server.log");
  const serverArgs = ["--config-body", config, "--node-ip", "127.0.0.1"];
  fs.writeFileSync(path.join(stateDir, "livekit-server.args.json"), JSON.stringify(serverArgs));
  startDetached(toolPath("livekit-server"), serverArgs, serverLog, path.join(stateDir, "livekit-server.pid"));

  const credentials = { url: `http://127.0.0.1:${httpPort}`, apiKey: DEV_API_KEY, apiSecret };
  try {
    await waitForSipApi(credentials, serverLog, 60_000);
  } catch (error) {
    // The startup error (with the server log's tail) is what explains the failure: keep it.
    await stopLocalStack(stateDir);
    throw error;
  }
  return { credentials, stop: () => stopLocalStack(stateDir) };
}

/**
 * Stops livekit-server (SIGTERM) and starts it again with the same settings, keeping Redis and so
 * every trunk: what a server restart looks like to a client. Resolves once the SIP API answers.
 */
export async function restartLivekitServer(stateDir: string, credentials: Credentials, downMs = 500): Promise<void> {
  const pidFile = path.join(stateDir, "livekit-server.pid");
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  signalQuietly(-pid, "SIGTERM");
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  await sleep(downMs);
  const args = JSON.parse(fs.readFileSync(path.join(stateDir, "livekit-server.args.json"), "utf8")) as string[];
  const serverLog = path.join(stateDir, "livekit-server.log");
  startDetached(toolPath("livekit-server"), args, serverLog, pidFile);
  await waitForSipApi(credentials, serverLog, 60_000);
}

if (require.main === module) {
  // node dist/tools/localStack.js start|stop STATE_DIR
  const [command, stateDir] = parseArgs({ allowPositionals: true }).positionals;
  const done = command === "start" ? startLocalStack({ stateDir }).then((s) => console.log(JSON.stringify(s.credentials))) : stopLocalStack(stateDir);
  done.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
