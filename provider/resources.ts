import type { Message } from "@bufbuild/protobuf";
import { DISPATCH_RULE_FIELDS } from "./dispatchRuleFields";
import { FieldTable, TRUNK_FIELDS } from "./fields";
import { dispatchRuleRules, inboundTrunkRules, outboundTrunkRules } from "./inputRules";
import { OUTBOUND_TRUNK_FIELDS } from "./outboundTrunkFields";
import { DISPATCH_RULE_NAME, DISPATCH_RULE_TYPE, INBOUND_TRUNK_NAME, INBOUND_TRUNK_TYPE, OUTBOUND_TRUNK_NAME, OUTBOUND_TRUNK_TYPE } from "./resourceType";
import { DISPATCH_RULE_RPCS, INBOUND_TRUNK_RPCS, OUTBOUND_TRUNK_RPCS, SipRpcs } from "./rpcs";
import type { InputShape } from "./validate";
import { DISPATCH_RULE_WIRE, INBOUND_TRUNK_WIRE, OUTBOUND_TRUNK_WIRE, WireShape } from "./wire";

/*
 * The three SIP resources, each a field table plus what the shared machinery (check, plan,
 * wire, client, provider) needs to know about it.
 */

/** What results and spelling need: the fields and the output that holds LiveKit's ID. */
export interface RecordShape {
  table: FieldTable;
  /** The output holding LiveKit's ID. */
  idOutput: "sipTrunkId" | "sipDispatchRuleId";
}

/** One SIP resource. */
export interface SipResource<I extends Message<I> = Message, U extends Message<U> = Message> extends RecordShape {
  /** The SDK class's name, e.g. `InboundTrunk`. */
  typeName: string;
  /** The type token the engine records in state and events. */
  typeToken: string;
  /** What the provider's log lines call one, e.g. `trunk ST_x`, `dispatch rule SDR_x`. */
  noun: string;
  /** The input that names a live record to adopt instead of creating one. */
  adoptInput: "adoptTrunkId" | "adoptDispatchRuleId";
  /** The `lk` command that lists them, for messages. */
  listCommand: string;
  input: InputShape;
  wire: WireShape<I, U>;
  rpcs: SipRpcs<I, U>;
}

export const INBOUND_TRUNK: SipResource = {
  typeName: INBOUND_TRUNK_NAME,
  typeToken: INBOUND_TRUNK_TYPE,
  table: TRUNK_FIELDS,
  idOutput: "sipTrunkId",
  noun: "trunk",
  adoptInput: "adoptTrunkId",
  listCommand: "lk sip inbound list",
  input: { article: "an inbound trunk", table: TRUNK_FIELDS, management: ["adoptTrunkId"], rules: inboundTrunkRules },
  wire: INBOUND_TRUNK_WIRE as WireShape<Message, Message>,
  rpcs: INBOUND_TRUNK_RPCS as unknown as SipRpcs<Message, Message>,
};

export const OUTBOUND_TRUNK: SipResource = {
  typeName: OUTBOUND_TRUNK_NAME,
  typeToken: OUTBOUND_TRUNK_TYPE,
  table: OUTBOUND_TRUNK_FIELDS,
  idOutput: "sipTrunkId",
  noun: "outbound trunk",
  adoptInput: "adoptTrunkId",
  listCommand: "lk sip outbound list",
  input: { article: "an outbound trunk", table: OUTBOUND_TRUNK_FIELDS, management: ["adoptTrunkId"], rules: outboundTrunkRules },
  wire: OUTBOUND_TRUNK_WIRE as WireShape<Message, Message>,
  rpcs: OUTBOUND_TRUNK_RPCS as unknown as SipRpcs<Message, Message>,
};

export const DISPATCH_RULE: SipResource = {
  typeName: DISPATCH_RULE_NAME,
  typeToken: DISPATCH_RULE_TYPE,
  table: DISPATCH_RULE_FIELDS,
  idOutput: "sipDispatchRuleId",
  noun: "dispatch rule",
  adoptInput: "adoptDispatchRuleId",
  listCommand: "lk sip dispatch list",
  input: { article: "a dispatch rule", table: DISPATCH_RULE_FIELDS, management: ["adoptDispatchRuleId"], rules: dispatchRuleRules },
  wire: DISPATCH_RULE_WIRE as WireShape<Message, Message>,
  rpcs: DISPATCH_RULE_RPCS as unknown as SipRpcs<Message, Message>,
};

/** Every SIP resource, trunks before dispatch rules (which refer to trunks). */
export const SIP_RESOURCES: readonly SipResource[] = [INBOUND_TRUNK, OUTBOUND_TRUNK, DISPATCH_RULE];

/** The resource recorded under an engine type token, if it is one of ours. */
export function resourceOfType(typeToken: string): SipResource | undefined {
  return SIP_RESOURCES.find((resource) => resource.typeToken === typeToken);
}
