import { LOG_PREFIX } from "../core/logLines";
import { engineProto, engineService, grpc } from "./protocol";
import { dynamicProviderHostEngine } from "./engineGone";

/*
 * Where the provider's lines go. Values are never part of one, only field names and IDs, so
 * secrets cannot leak here. When the host knows the engine's address, a line goes through the
 * engine's Log RPC: under the resource it is about (the native host gives the call's URN), and
 * an ephemeral one (a retry in progress, a diff the preview shows anyway) is shown while the run
 * goes on but not repeated in the run's closing "Diagnostics" list. Without an address a line is
 * printed, and the engine shows what a plugin prints under the stack, live and again in that list.
 */

/** How a line is said: `ephemeral` lines are not repeated in the run's closing summary. */
export interface ReportOptions {
  ephemeral?: boolean;
}

/** Says one line for the `pulumi up` log. */
export type Reporter = (message: string, options?: ReportOptions) => void;

/** The engine's Log service, once its address is known. */
export type EngineClient = InstanceType<typeof engineService.EngineClient>;

export function engineClient(address: string): EngineClient {
  return new engineService.EngineClient(address, grpc.credentials.createInsecure());
}

/** A reporter that logs through `engine()` when it gives a client (under `urn()`), else prints with `print`. */
export function logReporter(engine: () => EngineClient | undefined, urn: () => string = () => "", print: (line: string) => void = (line) => console.log(line)): Reporter {
  return (message, { ephemeral = false } = {}) => {
    const line = `${LOG_PREFIX} ${message}`;
    const client = engine();
    if (!client) {
      print(line);
      return;
    }
    const request = new engineProto.LogRequest();
    request.setSeverity(engineProto.LogSeverity.INFO);
    request.setMessage(line);
    request.setUrn(urn());
    request.setEphemeral(ephemeral);
    client.log(request, () => undefined);
  };
}

/** The engine of the dynamic-provider host this process is, if it is one; elsewhere (tests, the tools) lines are printed. */
function dynamicHostEngine(): EngineClient | undefined {
  const address = dynamicProviderHostEngine();
  return address === undefined ? undefined : engineClient(address);
}

let dynamicHost: { client: EngineClient | undefined } | undefined;

/** The reporter of resources the dynamic-provider host serves: the engine's log, under the stack (that host gives no URN). */
export const dynamicHostReporter: Reporter = logReporter(() => (dynamicHost ??= { client: dynamicHostEngine() }).client);
