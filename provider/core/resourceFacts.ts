import { DISPATCH_RULE_FIELDS } from "./dispatchRuleFields";
import { FieldTable, TRUNK_FIELDS } from "./fields";
import { OUTBOUND_TRUNK_FIELDS } from "./outboundTrunkFields";
import { DISPATCH_RULE_NAME, DISPATCH_RULE_TYPE, INBOUND_TRUNK_NAME, INBOUND_TRUNK_TYPE, nativeTypeToken, OUTBOUND_TRUNK_NAME, OUTBOUND_TRUNK_TYPE } from "./resourceType";

/*
 * What is known about each SIP resource without LiveKit's messages: its field table, names and
 * inputs. Light to load (the SDK reads it in every program run); `resources.ts` binds each to its
 * wire messages, RPCs and rules for the provider.
 */

/** What results and spelling need: the fields and the output that holds LiveKit's ID. */
export interface RecordShape {
  table: FieldTable;
  /** The output holding LiveKit's ID. */
  idOutput: "sipTrunkId" | "sipDispatchRuleId";
}

/** One SIP resource, as names and a table. */
export interface ResourceFacts extends RecordShape {
  /** The SDK class's name, e.g. `InboundTrunk`. */
  typeName: string;
  /** The type token the engine records in state and events. */
  typeToken: string;
  /** What the provider's log lines call one, e.g. `trunk ST_x`, `dispatch rule SDR_x`. */
  noun: string;
  /** The resource with its article, for messages: `an inbound trunk`. */
  article: string;
  /** The input that names a live record to adopt instead of creating one. */
  adoptInput: "adoptTrunkId" | "adoptDispatchRuleId";
  /** The `lk` command that lists them, for messages. */
  listCommand: string;
}

export const INBOUND_TRUNK_FACTS: ResourceFacts = {
  typeName: INBOUND_TRUNK_NAME,
  typeToken: INBOUND_TRUNK_TYPE,
  table: TRUNK_FIELDS,
  idOutput: "sipTrunkId",
  noun: "trunk",
  article: "an inbound trunk",
  adoptInput: "adoptTrunkId",
  listCommand: "lk sip inbound list",
};

export const OUTBOUND_TRUNK_FACTS: ResourceFacts = {
  typeName: OUTBOUND_TRUNK_NAME,
  typeToken: OUTBOUND_TRUNK_TYPE,
  table: OUTBOUND_TRUNK_FIELDS,
  idOutput: "sipTrunkId",
  noun: "outbound trunk",
  article: "an outbound trunk",
  adoptInput: "adoptTrunkId",
  listCommand: "lk sip outbound list",
};

export const DISPATCH_RULE_FACTS: ResourceFacts = {
  typeName: DISPATCH_RULE_NAME,
  typeToken: DISPATCH_RULE_TYPE,
  table: DISPATCH_RULE_FIELDS,
  idOutput: "sipDispatchRuleId",
  noun: "dispatch rule",
  article: "a dispatch rule",
  adoptInput: "adoptDispatchRuleId",
  listCommand: "lk sip dispatch list",
};

/** Every SIP resource, trunks before dispatch rules (which refer to trunks). */
export const RESOURCE_FACTS: readonly ResourceFacts[] = [INBOUND_TRUNK_FACTS, OUTBOUND_TRUNK_FACTS, DISPATCH_RULE_FACTS];

/** Each resource under both of its type tokens: looked up once per resource of a stack (drift reads 500 and more). */
const BY_TYPE_TOKEN = new Map(RESOURCE_FACTS.flatMap((facts) => [[facts.typeToken, facts] as const, [nativeTypeToken(facts), facts] as const]));

/** The resource recorded under an engine type token (dynamic or native), if it is one of ours. */
export function factsOfType(typeToken: string): ResourceFacts | undefined {
  return BY_TYPE_TOKEN.get(typeToken);
}
