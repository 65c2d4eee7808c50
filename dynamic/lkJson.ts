import { fieldNames } from "../provider/core/fields";
import { camelCase, isJsonObject } from "../provider/core/jsonNames";
import { DISPATCH_RULE_FACTS, INBOUND_TRUNK_FACTS, OUTBOUND_TRUNK_FACTS, ResourceFacts } from "../provider/core/resourceFacts";
import type { DispatchRuleArgs } from "./dispatchRule";
import type { InboundTrunkArgs } from "./inboundTrunk";
import type { OutboundTrunkArgs } from "./outboundTrunk";

/*
 * Reads the JSON files teams keep for `lk sip inbound create`, `lk sip outbound create` and
 * `lk sip dispatch create` into the SDK's arguments: the create request (`{ "trunk": { ... } }`,
 * `{ "dispatch_rule": { ... } }`) or the bare record, with field names in camelCase or snake_case
 * as protobuf JSON allows. An ID (as in `lk sip … list --json` output) becomes the adoption input,
 * so the record is adopted, not created again.
 */

const SERVER_OWNED = new Set(["createdAt", "updatedAt"]);

/** Keys made camelCase at every depth: for protobuf messages, whose keys are field names (never user data). */
function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), camelCaseKeys(v)]));
}

/** The record inside a create request (`wrapper`), or the bare record. */
function unwrapped(source: string | object, wrapper: string, origin: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = typeof source === "string" ? JSON.parse(source) : source;
  } catch (error) {
    throw new Error(`${origin}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isJsonObject(parsed)) throw new Error(`${origin}: expected a JSON object`);
  const key = Object.keys(parsed).find((k) => camelCase(k) === wrapper);
  if (key === undefined) return parsed;
  if (Object.keys(parsed).length > 1) {
    throw new Error(`${origin}: unknown field(s) ${Object.keys(parsed).filter((k) => k !== key).join(", ")} beside "${key}"`);
  }
  const record = parsed[key];
  if (!isJsonObject(record)) throw new Error(`${origin}: "${key}" must be an object`);
  return record;
}

/** The arguments `lk` JSON declares for one resource. Throws, naming the field, on anything that is not one of its fields. */
function argsFromLkJson(resource: ResourceFacts, wrapper: string, source: string | object, origin: string): Record<string, unknown> {
  const record = unwrapped(source, wrapper, origin);
  const names = fieldNames(resource.table);
  const args: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    const name = camelCase(key);
    if (SERVER_OWNED.has(name)) continue;
    if (name === resource.idOutput) args[resource.adoptInput] = value;
    else if (!names.includes(name)) unknown.push(key);
    else if (["media", "message"].includes(resource.table[name].kind)) args[name] = camelCaseKeys(value);
    else args[name] = value;
  }
  if (unknown.length > 0) {
    throw new Error(`${origin}: unknown field(s) ${unknown.join(", ")}; ${resource.article} has ${names.join(", ")}`);
  }
  return args;
}

/**
 * Converts `lk` JSON (text or parsed) to {@link InboundTrunkArgs}: `{ "trunk": { ... } }` as
 * `lk sip inbound create FILE` takes it, or the bare trunk, in camelCase or snake_case. A
 * `sipTrunkId` (as in `lk sip inbound list --json` output) becomes `adoptTrunkId`, so the trunk
 * is adopted, not created again. Throws, naming the field, on anything that is not a trunk field.
 *
 * @param source the file's text, or the parsed object
 * @param origin how errors name the source, e.g. the file's path
 * @example
 * ```ts
 * import * as fs from "node:fs";
 * import { InboundTrunk, inboundTrunkArgsFromLkJson } from "livekit-sip-pulumi";
 * new InboundTrunk("main", inboundTrunkArgsFromLkJson(fs.readFileSync("inbound-trunk.json", "utf8"), "inbound-trunk.json"));
 * ```
 */
export function inboundTrunkArgsFromLkJson(source: string | object, origin = "lk JSON"): InboundTrunkArgs {
  return argsFromLkJson(INBOUND_TRUNK_FACTS, "trunk", source, origin) as InboundTrunkArgs;
}

/**
 * Converts `lk` JSON to {@link OutboundTrunkArgs}: `{ "trunk": { ... } }` as
 * `lk sip outbound create FILE` takes it, or the bare trunk; a `sipTrunkId` becomes `adoptTrunkId`.
 *
 * @param source the file's text, or the parsed object
 * @param origin how errors name the source, e.g. the file's path
 * @example
 * ```ts
 * new OutboundTrunk("carrier", outboundTrunkArgsFromLkJson(fs.readFileSync("outbound-trunk.json", "utf8"), "outbound-trunk.json"));
 * ```
 */
export function outboundTrunkArgsFromLkJson(source: string | object, origin = "lk JSON"): OutboundTrunkArgs {
  return argsFromLkJson(OUTBOUND_TRUNK_FACTS, "trunk", source, origin) as unknown as OutboundTrunkArgs;
}

/**
 * Converts `lk` JSON to {@link DispatchRuleArgs}: `{ "dispatch_rule": { ... } }` as
 * `lk sip dispatch create FILE` takes it, or the bare rule; a `sipDispatchRuleId` becomes
 * `adoptDispatchRuleId`. The rule's own settings (`dispatch_rule_individual.room_prefix`) may be
 * snake_case too.
 *
 * @param source the file's text, or the parsed object
 * @param origin how errors name the source, e.g. the file's path
 * @example
 * ```ts
 * new DispatchRule("per-caller", dispatchRuleArgsFromLkJson(fs.readFileSync("dispatch-rule.json", "utf8"), "dispatch-rule.json"));
 * ```
 */
export function dispatchRuleArgsFromLkJson(source: string | object, origin = "lk JSON"): DispatchRuleArgs {
  return argsFromLkJson(DISPATCH_RULE_FACTS, "dispatchRule", source, origin) as unknown as DispatchRuleArgs;
}
