import * as fs from "node:fs";
import * as path from "node:path";
import type { LiveKitProxy } from "../../../tools/proxy";
import { lkCreateOf, lkUpdateFields, recordJson } from "./livekit";
import { RunOptions, TestStack } from "./pulumi";

/** Steps the suites of the native package's languages take alike, whatever the program's language. */

/**
 * Someone renames the stack's trunk with `lk`: a refreshing preview exits 7 naming `~name`,
 * `livekit-sip-drift` (from PATH, as the README installs the commands) exits 2 with that one
 * row, `up --refresh` puts the declared name back, and a refreshing preview is then empty.
 */
export async function expectLkDriftCaughtAndConverged(stack: TestStack, options: RunOptions, trunkId: string, declaredName: string): Promise<void> {
  await lkUpdateFields(trunkId, { name: "Edited with lk" });
  const { output } = await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true }, 7);
  expect(output).toMatch(/line\s+update\s+\[diff: ~name\]/);
  const report = path.join(process.env.LSP_E2E_DIR!, `${stack.name}-drift.json`);
  const drift = await stack.shell(`livekit-sip-drift --stack ${stack.name} --json ${report}`);
  expect(drift.code).toBe(2);
  const rows = (JSON.parse(fs.readFileSync(report, "utf8")) as { rows: { type: string; id: string; field: string }[] }).rows;
  expect(rows.map((row) => [row.type, row.id, row.field])).toEqual([["InboundTrunk", trunkId, "name"]]);
  await stack.expect("up", { ...options, refresh: true });
  expect((await recordJson("inbound", trunkId))?.name).toBe(declaredName);
  await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true });
}

/**
 * An `up` of a Krisp change to the stack's trunk (outputs `trunkId`, `ruleId`, …): a replace of
 * the same ID, costing one List and one write through `proxy`, the record then `live`, the
 * stack's outputs (the IDs) unchanged.
 */
export async function expectCountedSameIdReplace(stack: TestStack, proxy: LiveKitProxy, options: RunOptions, ids: { trunkId: string }, live: Record<string, unknown>): Promise<void> {
  proxy.reset();
  const { output } = await stack.expect("up", { ...options, skipPreview: true });
  expect(output).toMatch(/replace: krispEnabled changed/);
  expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
  expect(await recordJson("inbound", ids.trunkId)).toMatchObject(live);
  expect(JSON.parse((await stack.expect("outputs")).stdout)).toEqual(ids);
}

/** The password `lkMadeRecords` gives the carrier: `pulumi import` must never print it. */
export const LK_MADE_CARRIER_PASSWORD = "lk-made-carrier-secret";

/** One record of each type made with lk, as a team has them before adopting Pulumi: [type, ID] pairs. */
export async function lkMadeRecords(trunkNumber: string, carrierNumber: string): Promise<{ InboundTrunk: string; OutboundTrunk: string; DispatchRule: string }> {
  const trunk = await lkCreateOf("inbound", { trunk: { name: "Made with lk", numbers: [trunkNumber], allowedNumbers: ["+13105550100"], krispEnabled: true } });
  const carrier = await lkCreateOf("outbound", { trunk: { name: "Carrier made with lk", address: "sip.lk.example.com", numbers: [carrierNumber], transport: "SIP_TRANSPORT_TCP", authUsername: "lk-user", authPassword: LK_MADE_CARRIER_PASSWORD } });
  const rule = await lkCreateOf("dispatch", { dispatchRule: { name: "Rule made with lk", trunkIds: [trunk], rule: { dispatchRuleDirect: { roomName: "lk-room" } } } });
  return { InboundTrunk: trunk, OutboundTrunk: carrier, DispatchRule: rule };
}
