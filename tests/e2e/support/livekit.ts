import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { SipClient } from "livekit-server-sdk";
import type { Credentials } from "../../../provider/livekit/credentials";
import { toolPath } from "../../../tools/toolchain";

/**
 * The independent client of the end-to-end tests: LiveKit's own CLI, `lk`, as users run it. It
 * makes the out-of-band changes (flags send a field update, a JSON file a replace) and checks
 * what the provider did with `lk sip inbound list --json`. It shares no code with the provider.
 *
 * lk 2.16.3 (the newest pure-Go release) was built before `SIPInboundTrunkInfo.media` existed:
 * it leaves `media` out of what it lists and refuses it in files. Only for that field, tests read
 * the server's own answer through LiveKit's Node SDK (`serverMedia`).
 */

/** A trunk as `lk sip inbound list --json` prints it: protobuf JSON, unset fields left out. */
export type TrunkJson = Record<string, unknown> & { sipTrunkId: string };

/** The test server of globalSetup. */
export function testServer(): Credentials {
  return { url: process.env.LSP_E2E_URL!, apiKey: process.env.LSP_E2E_API_KEY!, apiSecret: process.env.LSP_E2E_API_SECRET! };
}

/** Runs `lk` with the test server's credentials in its environment; resolves to its stdout. */
export function lk(...args: string[]): Promise<string> {
  return lkOn(testServer(), ...args);
}

/** Runs `lk` against the given server; resolves to its stdout. */
export async function lkOn(server: Credentials, ...args: string[]): Promise<string> {
  const env = { ...process.env, LIVEKIT_URL: server.url, LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret };
  try {
    const { stdout } = await promisify(execFile)(toolPath("lk"), args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`lk ${args.join(" ")} failed: ${stderr || stdout || String(error)}`);
  }
}

/** The SIP resources as `lk sip` names them. */
export type SipKind = "inbound" | "outbound" | "dispatch";

/** The field holding each kind's ID in lk's JSON. */
export const ID_FIELD: Record<SipKind, string> = { inbound: "sipTrunkId", outbound: "sipTrunkId", dispatch: "sipDispatchRuleId" };

/** Every record of a kind, from `lk sip <kind> list --json`. */
export async function listJson(kind: SipKind): Promise<Record<string, unknown>[]> {
  const listed = JSON.parse(await lk("sip", kind, "list", "--json")) as { items?: Record<string, unknown>[] };
  return listed.items ?? [];
}

/** One record of a kind, or undefined when it does not exist. */
export async function recordJson(kind: SipKind, id: string): Promise<Record<string, unknown> | undefined> {
  return (await listJson(kind)).find((r) => r[ID_FIELD[kind]] === id);
}

/** `lk sip <kind> delete` of every record of a kind. */
export async function deleteAll(kind: SipKind): Promise<void> {
  const ids = (await listJson(kind)).map((r) => String(r[ID_FIELD[kind]]));
  if (ids.length > 0) await lk("sip", kind, "delete", ...ids);
}

/** Every inbound trunk, from `lk sip inbound list --json`. */
export async function listTrunksJson(): Promise<TrunkJson[]> {
  return (await listJson("inbound")) as TrunkJson[];
}

/** One trunk, or undefined when it does not exist. */
export async function trunkJson(sipTrunkId: string): Promise<TrunkJson | undefined> {
  return (await recordJson("inbound", sipTrunkId)) as TrunkJson | undefined;
}

/** A trunk's `media` as the server holds it (LiveKit's SDK: lk 2.16.3 cannot show it). */
export async function serverMedia(sipTrunkId: string): Promise<Record<string, unknown> | undefined> {
  const client = new SipClient(process.env.LSP_E2E_URL!, process.env.LSP_E2E_API_KEY!, process.env.LSP_E2E_API_SECRET!);
  const [trunk] = await client.listSipInboundTrunk({ trunkIds: [sipTrunkId] });
  return trunk?.media?.toJson() as Record<string, unknown> | undefined;
}

/** `lk sip inbound delete` of every inbound trunk, so each test file starts from an empty server. */
export async function deleteAllTrunks(): Promise<void> {
  await deleteAll("inbound");
}

/** `lk sip inbound delete ID`. */
export async function lkDelete(sipTrunkId: string): Promise<void> {
  await lk("sip", "inbound", "delete", sipTrunkId);
}

let fileCount = 0;
/** Writes a JSON file for `lk` under the test run's folder. */
function jsonFile(content: object): string {
  const dir = path.join(process.env.LSP_E2E_DIR!, "lk");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `request-${process.pid}-${++fileCount}.json`);
  fs.writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}

/** The ID `lk` prints after a create or update ("SIPTrunkID: ST_…", "SIPDispatchRuleID: SDR_…"). */
function printedId(stdout: string): string {
  const id = /SIP(?:Trunk|DispatchRule)ID: (\S+)/.exec(stdout)?.[1];
  if (!id) throw new Error(`lk printed no ID: ${stdout}`);
  return id;
}

/** `lk sip inbound create FILE` with a `CreateSIPInboundTrunkRequest` (`{"trunk": {...}}`); the new ID. */
export async function lkCreate(request: { trunk: object }): Promise<string> {
  return lkCreateOf("inbound", request);
}

/** `lk sip <kind> create FILE` with the kind's create request as JSON; the new ID. */
export async function lkCreateOf(kind: SipKind, request: object): Promise<string> {
  return printedId(await lk("sip", kind, "create", jsonFile(request)));
}

/** What `lk sip inbound update --id X` takes as flags: each sends a field of a field update. */
export interface LkUpdateFlags {
  name?: string;
  /** Sent as `ListUpdate{set}`. */
  numbers?: string[];
  authUser?: string;
  authPass?: string;
}

/** `lk sip inbound update --id X --name … --numbers …`: an `UpdateSIPInboundTrunk{update}`. */
export async function lkUpdateFields(sipTrunkId: string, flags: LkUpdateFlags): Promise<void> {
  const args = ["sip", "inbound", "update", "--id", sipTrunkId];
  if (flags.name !== undefined) args.push("--name", flags.name);
  for (const number of flags.numbers ?? []) args.push("--numbers", number);
  if (flags.authUser !== undefined) args.push("--auth-user", flags.authUser);
  if (flags.authPass !== undefined) args.push("--auth-pass", flags.authPass);
  await lk(...args);
}

/**
 * `lk sip inbound update --id X FILE` with the live trunk as `edit` leaves it: an
 * `UpdateSIPInboundTrunk{replace}`, as a user who edits the listed JSON by hand sends.
 */
export async function lkReplace(sipTrunkId: string, edit: (trunk: Record<string, unknown>) => void): Promise<void> {
  await lkReplaceOf("inbound", sipTrunkId, edit);
}

/** `lk sip <kind> update --id X FILE` with the live record as `edit` leaves it: the kind's `Update…{replace}`. */
export async function lkReplaceOf(kind: SipKind, id: string, edit: (record: Record<string, unknown>) => void): Promise<void> {
  const live = await recordJson(kind, id);
  if (!live) throw new Error(`no ${kind} record ${id} to edit`);
  const { [ID_FIELD[kind]]: _id, createdAt: _created, updatedAt: _updated, ...record } = live;
  edit(record);
  await lk("sip", kind, "update", "--id", id, jsonFile(record));
}

/** A trunk's JSON without the fields the server owns, for comparing with what was declared. */
export function declaredPart(json: Record<string, unknown>): Record<string, unknown> {
  const { sipTrunkId: _id, createdAt: _c, updatedAt: _u, ...rest } = json;
  if (rest.media && Object.keys(rest.media as object).length === 0) delete rest.media;
  return rest;
}
