import * as pulumi from "@pulumi/pulumi";
import { normalisedNumber } from "./numberClaims";

/**
 * Catches, while the program runs (so at `pulumi preview`), two DispatchRules of one program that
 * LiveKit would take for the same rule: it keys rules by (trunk, caller number, called number,
 * PIN), an empty list standing for "any" (protocol `sip.DispatchRuleValidator`), refuses the
 * second create of a key, and which resource gets it would be a race between their creates.
 * Only values known while the program runs are compared; a trunk ID that is another resource's
 * output (`trunkIds: [line.sipTrunkId]`) counts as that output, so two rules bound to the same
 * trunk resource are caught before it exists. Anything else not yet known is left to the server.
 */

/** One key of a rule, and what it says, for messages. */
interface RuleKey {
  key: string;
  said: string;
}

/** Stands for a trunk ID that is an output of another resource: the same output object, the same trunk. */
const outputTokens = new WeakMap<object, string>();
let outputsSeen = 0;

function trunkToken(item: unknown): string | undefined {
  if (typeof item === "string") return item;
  if (!pulumi.Output.isInstance(item)) return undefined;
  if (!outputTokens.has(item)) outputTokens.set(item, `output#${++outputsSeen}`);
  return outputTokens.get(item);
}

/** The items of a list input as compared, `[""]` (any) when empty or absent, or undefined when not known yet. */
function keyItems(value: unknown, item: (entry: unknown) => string | undefined): string[] | undefined {
  if (value === undefined || value === null) return [""];
  if (!Array.isArray(value)) return undefined;
  const items = value.map(item);
  if (items.some((entry) => entry === undefined)) return undefined;
  return items.length === 0 ? [""] : (items as string[]);
}

const numberItem = (entry: unknown) => (typeof entry === "string" ? normalisedNumber(entry) : undefined);

/** The rule's PIN ("" for none), or undefined when the rule or its PIN is not known yet. */
function pinOf(rule: unknown): string | undefined {
  if (typeof rule !== "object" || rule === null || pulumi.Output.isInstance(rule)) return undefined;
  const spec = Object.values(rule as Record<string, unknown>).find((value) => typeof value === "object" && value !== null) as { pin?: unknown } | undefined;
  if (!spec || pulumi.Output.isInstance(spec)) return spec ? undefined : "";
  if (spec.pin === undefined || spec.pin === "") return "";
  return typeof spec.pin === "string" ? spec.pin : undefined;
}

/** The rule's keys as LiveKit forms them, or undefined when a part is not known while the program runs. */
export function ruleKeys(args: { trunkIds?: unknown; inboundNumbers?: unknown; numbers?: unknown; rule?: unknown }): RuleKey[] | undefined {
  const trunks = keyItems(args.trunkIds, trunkToken);
  const callers = keyItems(args.inboundNumbers, numberItem);
  const called = keyItems(args.numbers, numberItem);
  const pin = pinOf(args.rule);
  if (!trunks || !callers || !called || pin === undefined) return undefined;
  const keys: RuleKey[] = [];
  for (const trunk of trunks) {
    for (const caller of callers) {
      for (const number of called) {
        const on = trunk === "" ? "on any trunk" : trunk.startsWith("output#") ? "on the same trunk resource" : `on trunk ${trunk}`;
        const said = `${on}, from ${caller || "any caller"}, to ${number || "any number"}, ${pin ? "with the same PIN" : "with no PIN"}`;
        keys.push({ key: JSON.stringify([trunk, caller, number, pin]), said });
      }
    }
  }
  return keys;
}

/** Which rule of the program holds each key so far. */
const claimed = new Map<string, string>();

/** Records a rule's keys, or stops the program naming both rules when one is taken. */
export function claimRuleKeys(resource: string, args: Parameters<typeof ruleKeys>[0]): void {
  const keys = ruleKeys(args);
  if (!keys) return;
  for (const { key, said } of keys) {
    const other = claimed.get(key);
    if (other !== undefined && other !== resource) {
      // RunError: the CLI shows the message alone, without the program's stack.
      throw new pulumi.RunError(
        `DispatchRule "${resource}" and DispatchRule "${other}" both take calls ${said}, which LiveKit keys rules by (trunk, caller number, called number, PIN), ` +
          "so it would refuse whichever is created second: give the rules different trunkIds, inboundNumbers, numbers or PINs",
      );
    }
  }
  for (const { key } of keys) claimed.set(key, resource);
}
