import type { Message } from "@bufbuild/protobuf";
import { dispatchRuleRules, inboundTrunkRules, outboundTrunkRules } from "../core/inputRules";
import { DISPATCH_RULE_FACTS, INBOUND_TRUNK_FACTS, OUTBOUND_TRUNK_FACTS, ResourceFacts } from "../core/resourceFacts";
import { DISPATCH_RULE_RPCS, INBOUND_TRUNK_RPCS, OUTBOUND_TRUNK_RPCS, SipRpcs } from "./rpcs";
import type { InputShape } from "../core/validate";
import { DISPATCH_RULE_WIRE, INBOUND_TRUNK_WIRE, OUTBOUND_TRUNK_WIRE, WireShape } from "../core/wire";

export type { RecordShape } from "../core/resourceFacts";

/*
 * The three SIP resources, each its facts (a field table and names, `resourceFacts.ts`) plus what
 * the shared machinery (check, plan, wire, client, provider) needs to act on it.
 */

/** One SIP resource. */
export interface SipResource<I extends Message<I> = Message, U extends Message<U> = Message> extends ResourceFacts {
  input: InputShape;
  wire: WireShape<I, U>;
  rpcs: SipRpcs<I, U>;
}

function inputShape(facts: ResourceFacts, rules: InputShape["rules"]): InputShape {
  return { article: facts.article, table: facts.table, management: [facts.adoptInput], rules };
}

export const INBOUND_TRUNK: SipResource = {
  ...INBOUND_TRUNK_FACTS,
  input: inputShape(INBOUND_TRUNK_FACTS, inboundTrunkRules),
  wire: INBOUND_TRUNK_WIRE,
  rpcs: INBOUND_TRUNK_RPCS,
};

export const OUTBOUND_TRUNK: SipResource = {
  ...OUTBOUND_TRUNK_FACTS,
  input: inputShape(OUTBOUND_TRUNK_FACTS, outboundTrunkRules),
  wire: OUTBOUND_TRUNK_WIRE,
  rpcs: OUTBOUND_TRUNK_RPCS,
};

export const DISPATCH_RULE: SipResource = {
  ...DISPATCH_RULE_FACTS,
  input: inputShape(DISPATCH_RULE_FACTS, dispatchRuleRules),
  wire: DISPATCH_RULE_WIRE,
  rpcs: DISPATCH_RULE_RPCS,
};

/** Every SIP resource, trunks before dispatch rules (which refer to trunks). */
export const SIP_RESOURCES: readonly SipResource[] = [INBOUND_TRUNK, OUTBOUND_TRUNK, DISPATCH_RULE];
