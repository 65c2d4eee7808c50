import * as net from "node:net";

/*
 * A provider process ends itself once the engine that started it is gone. A `pulumi` killed
 * with SIGKILL cannot end its plugins, and nothing will call them again: left running, they would
 * hold memory and keep retrying requests on a shared CI runner until something ends them by name.
 * The engine is asked every second whether it still listens at the address it gave the plugin;
 * a refused connection means it is gone. Requests already sent may still land on the server
 * (`livekit-sip-recover` waits for them); retries of this process stop.
 */

/** How often the engine is looked for. */
const CHECK_EVERY_MS = 1000;

/** The engine's address among a plugin's arguments: the last one that is not a flag. */
export function engineAddressOf(args: string[]): string | undefined {
  return args.filter((arg) => !arg.startsWith("-")).pop();
}

/** Ends this process (exit 1, nothing printed: no one reads it) when nothing listens at `engineAddress`. */
export function exitWhenEngineGone(engineAddress: string | undefined): void {
  const match = /^(.*):(\d+)$/.exec(engineAddress ?? "");
  if (!match) return;
  const [, host, port] = match;
  const timer = setInterval(() => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ""), port: Number(port) });
    socket.once("connect", () => socket.destroy());
    socket.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") process.exit(1);
    });
  }, CHECK_EVERY_MS);
  // The check never keeps the process alive by itself.
  timer.unref();
}

/**
 * The engine's address when this process is the dynamic-provider host: Pulumi starts
 * `@pulumi/pulumi/cmd/dynamic-provider` with it as its one argument (the plugin protocol).
 * Undefined elsewhere (a program, a test, the tools).
 */
export function dynamicProviderHostEngine(): string | undefined {
  const [, script, address] = process.argv;
  if (!script || !/dynamic-provider/.test(script) || !address || !/^[\w.[\]:-]+:\d+$/.test(address)) return undefined;
  return address;
}

let watchingDynamicHost = false;

/**
 * In the dynamic-provider host, which loads this package's provider modules, the same watch over
 * its engine; once per process, however many resource types load. Elsewhere, nothing.
 */
export function exitWithEngineInDynamicProviderHost(): void {
  const engine = dynamicProviderHostEngine();
  if (watchingDynamicHost || !engine) return;
  watchingDynamicHost = true;
  exitWhenEngineGone(engine);
}
