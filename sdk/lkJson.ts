import { TRUNK_FIELD_NAMES } from "../provider/trunk";
import type { InboundTrunkArgs } from "./inboundTrunk";

/*
 * Reads the JSON files teams keep for `lk sip inbound create` into InboundTrunkArgs: both
 * `{ "trunk": { ... } }` (a CreateSIPInboundTrunkRequest) and the bare trunk, with field names
 * in camelCase or snake_case as protobuf JSON allows.
 */

const SERVER_OWNED = new Set(["createdAt", "updatedAt"]);

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
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
  let parsed: unknown;
  try {
    parsed = typeof source === "string" ? JSON.parse(source) : source;
  } catch (error) {
    throw new Error(`${origin}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${origin}: expected a JSON object`);
  const outer = parsed as Record<string, unknown>;
  const trunk = "trunk" in outer ? outer.trunk : outer;
  if ("trunk" in outer && Object.keys(outer).length > 1) {
    throw new Error(`${origin}: unknown field(s) ${Object.keys(outer).filter((k) => k !== "trunk").join(", ")} beside "trunk"`);
  }
  if (trunk === null || typeof trunk !== "object" || Array.isArray(trunk)) throw new Error(`${origin}: "trunk" must be an object`);

  const args: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(trunk)) {
    const name = camelCase(key);
    if (SERVER_OWNED.has(name)) continue;
    if (name === "sipTrunkId") args.adoptTrunkId = value;
    else if (name === "media" && value !== null && typeof value === "object" && !Array.isArray(value)) {
      args.media = Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), v]));
    } else if ((TRUNK_FIELD_NAMES as readonly string[]).includes(name)) args[name] = value;
    else unknown.push(key);
  }
  if (unknown.length > 0) {
    throw new Error(`${origin}: unknown field(s) ${unknown.join(", ")}; an inbound trunk has ${TRUNK_FIELD_NAMES.join(", ")}`);
  }
  return args as InboundTrunkArgs;
}
