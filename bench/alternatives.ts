import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SipClient } from "livekit-server-sdk";
import { Credentials } from "../provider/livekit/credentials";
import { toolPath } from "../tools/toolchain";

/**
 * What users do today without Pulumi, timed on the same server: `lk` in a shell loop (one at a
 * time, and eight at a time as `xargs -P 8` would), and a script on LiveKit's server SDK.
 */

/** The seconds one create / update / delete pass over N trunks took. */
export interface PassSeconds {
  create: number;
  update: number;
  destroy: number;
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs `work(i)` for i < n with at most `width` at once. */
export async function inParallel(n: number, width: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) await work(i);
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
}

/** Runs `lk ARGS` against the server, as a user's shell would; returns its standard output. */
async function lk(credentials: Credentials, args: string[]): Promise<string> {
  const env = { ...process.env, LIVEKIT_URL: credentials.url, LIVEKIT_API_KEY: credentials.apiKey, LIVEKIT_API_SECRET: credentials.apiSecret };
  return (await promisify(execFile)(toolPath("lk"), args, { env })).stdout;
}

/** `lk sip inbound create/update/delete` for each of N trunks, `width` commands at once. */
export async function lkPass(credentials: Credentials, n: number, width: number, numberFor: (i: number) => string): Promise<PassSeconds> {
  const ids: string[] = [];
  const create = await timed(() =>
    inParallel(n, width, async (i) => {
      const out = await lk(credentials, ["sip", "inbound", "create", "--name", `lk-${i}`, "--numbers", numberFor(i)]);
      const id = /ST_\w+/.exec(out)?.[0];
      if (!id) throw new Error(`lk sip inbound create printed no trunk ID: ${out}`);
      ids[i] = id;
    }),
  );
  const update = await timed(() => inParallel(n, width, (i) => lk(credentials, ["sip", "inbound", "update", "--id", ids[i], "--name", `lk-${i}-v2`])));
  const destroy = await timed(() => inParallel(n, width, (i) => lk(credentials, ["sip", "inbound", "delete", ids[i]])));
  return { create, update, destroy };
}

/** The same pass with LiveKit's server SDK in one Node process, 32 requests at once. */
export async function sdkPass(client: SipClient, n: number, numberFor: (i: number) => string): Promise<PassSeconds> {
  const ids: string[] = [];
  const create = await timed(() => inParallel(n, 32, async (i) => (ids[i] = (await client.createSipInboundTrunk(`sdk-${i}`, [numberFor(i)])).sipTrunkId)));
  const update = await timed(() => inParallel(n, 32, (i) => client.updateSipInboundTrunkFields(ids[i], { name: `sdk-${i}-v2` })));
  const destroy = await timed(() => inParallel(n, 32, (i) => client.deleteSipTrunk(ids[i])));
  return { create, update, destroy };
}

/** Time for `lk sip inbound list` of what the server holds (the drift check users do by eye). */
export function lkList(credentials: Credentials): Promise<number> {
  return timed(() => lk(credentials, ["sip", "inbound", "list", "--json"]));
}

export async function deleteAllInboundTrunks(client: SipClient): Promise<void> {
  await Promise.all((await client.listSipInboundTrunk()).map((t) => client.deleteSipTrunk(t.sipTrunkId)));
}
