import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isAlive, portInUse, signalQuietly } from "./processes";

/**
 * A PostgreSQL server from Debian's packages on 127.0.0.1, for suites that keep Pulumi state the
 * way teams do (`PULUMI_BACKEND_URL=postgres://…`): a cluster initialised into a folder of the
 * test run, trusted local connections, one database per suite. `initdb` refuses to run as root,
 * so as root the server runs as the `postgres` user that Debian's package creates.
 */

/** A running PostgreSQL server. */
export interface PostgresServer {
  port: number;
  stop(): Promise<void>;
}

/** Debian installs the server's programs under /usr/lib/postgresql/<major>/bin, not on PATH. */
export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((major) => fs.existsSync(path.join(root, major, "bin", "initdb"))) : [];
  if (majors.length === 0) throw new Error("PostgreSQL's server programs are not installed (Debian package postgresql); scripts/toolchain.sh installs them");
  return path.join(root, majors.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

/** Runs a server program, as the `postgres` user when this process is root. */
function asServerUser(program: string, args: string[]): { command: string; args: string[] } {
  return process.getuid?.() === 0 ? { command: "runuser", args: ["-u", "postgres", "--", program, ...args] } : { command: program, args };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Initialises a cluster in `dir` (a folder the `postgres` user can enter, when root) and starts it on 127.0.0.1:`port`; resolves once it accepts connections. */
export async function startPostgres(dir: string, port: number): Promise<PostgresServer> {
  if (await portInUse(port)) throw new Error(`port ${port} on 127.0.0.1 is already in use, so PostgreSQL cannot start there; stop whatever holds it or choose another port`);
  const bin = postgresBin();
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const initdb = asServerUser(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  execFileSync(initdb.command, initdb.args, { stdio: "pipe" });
  const log = fs.openSync(path.join(dir, "postgres.log"), "a");
  // -F: no fsync (test data); -k: the socket in the run's folder, not /var/run/postgresql.
  const server = asServerUser(path.join(bin, "postgres"), ["-D", dataDir, "-p", String(port), "-h", "127.0.0.1", "-k", dir, "-F"]);
  const child = spawn(server.command, server.args, { detached: true, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  child.unref();
  const pid = child.pid!;
  const ready = asServerUser(path.join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-q"]);
  for (let waited = 0; ; waited += 100) {
    try {
      execFileSync(ready.command, ready.args, { stdio: "ignore" });
      break;
    } catch {
      if (waited > 30_000 || !isAlive(pid)) throw new Error(`PostgreSQL did not start on port ${port}:\n${fs.readFileSync(path.join(dir, "postgres.log"), "utf8")}`);
      await sleep(100);
    }
  }
  return {
    port,
    async stop() {
      // The process group (runuser and the server it started); SIGINT is PostgreSQL's fast shutdown.
      signalQuietly(-pid, "SIGINT");
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
      signalQuietly(-pid, "SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true }); // a throwaway cluster
    },
  };
}

/** Creates an empty database on the server at 127.0.0.1:`port`; its backend URL for `pulumi login` / PULUMI_BACKEND_URL. */
export function postgresBackend(port: number, database: string): string {
  execFileSync(path.join(postgresBin(), "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", database], { stdio: "pipe" });
  return `postgres://postgres@127.0.0.1:${port}/${database}?sslmode=disable`;
}
