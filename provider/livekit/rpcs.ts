import type { JsonReadOptions, JsonValue, Message } from "@bufbuild/protobuf";
import {
  CreateSIPDispatchRuleRequest,
  CreateSIPInboundTrunkRequest,
  CreateSIPOutboundTrunkRequest,
  DeleteSIPDispatchRuleRequest,
  DeleteSIPTrunkRequest,
  ListSIPDispatchRuleRequest,
  ListSIPDispatchRuleResponse,
  ListSIPInboundTrunkRequest,
  ListSIPInboundTrunkResponse,
  ListSIPOutboundTrunkRequest,
  ListSIPOutboundTrunkResponse,
  Pagination,
  SIPDispatchRuleInfo,
  SIPDispatchRuleUpdate,
  SIPInboundTrunkInfo,
  SIPInboundTrunkUpdate,
  SIPOutboundTrunkInfo,
  SIPOutboundTrunkUpdate,
  UpdateSIPDispatchRuleRequest,
  UpdateSIPInboundTrunkRequest,
  UpdateSIPOutboundTrunkRequest,
} from "@livekit/protocol";

/*
 * The RPCs of each SIP resource (Twirp methods of `livekit.SIP`) and how their requests are
 * built, so that the client has one create, list, update and delete for all three resources.
 */

/** An update action: a field update, or a whole replacement of the same ID. */
export type UpdateAction<I, U> = { case: "update"; value: U } | { case: "replace"; value: I };

/** One resource's RPCs. */
export interface SipRpcs<I extends Message<I>, U extends Message<U>> {
  /** What the RPCs manage, for messages: `inbound trunk`. */
  noun: string;
  info: { fromJson(json: JsonValue, options?: Partial<JsonReadOptions>): I };
  /** The ID LiveKit gave the record. */
  idOf(info: I): string;
  create: string;
  createRequest(info: I): JsonValue;
  list: string;
  /** A List request filtered by IDs, or a page of everything. */
  listRequest(filter: { ids: string[] } | { page: Pagination }): JsonValue;
  listResponse: { fromJson(json: JsonValue, options?: Partial<JsonReadOptions>): { items: I[] } };
  update: string;
  updateRequest(id: string, action: UpdateAction<I, U>): JsonValue;
  delete: string;
  deleteRequest(id: string): JsonValue;
}

export const INBOUND_TRUNK_RPCS: SipRpcs<SIPInboundTrunkInfo, SIPInboundTrunkUpdate> = {
  noun: "inbound trunk",
  info: SIPInboundTrunkInfo,
  idOf: (info) => info.sipTrunkId,
  create: "CreateSIPInboundTrunk",
  createRequest: (trunk) => new CreateSIPInboundTrunkRequest({ trunk }).toJson(),
  list: "ListSIPInboundTrunk",
  listRequest: (filter) => new ListSIPInboundTrunkRequest("ids" in filter ? { trunkIds: filter.ids } : { page: filter.page }).toJson(),
  listResponse: ListSIPInboundTrunkResponse,
  update: "UpdateSIPInboundTrunk",
  updateRequest: (sipTrunkId, action) => new UpdateSIPInboundTrunkRequest({ sipTrunkId, action }).toJson(),
  delete: "DeleteSIPTrunk",
  deleteRequest: (sipTrunkId) => new DeleteSIPTrunkRequest({ sipTrunkId }).toJson(),
};

export const OUTBOUND_TRUNK_RPCS: SipRpcs<SIPOutboundTrunkInfo, SIPOutboundTrunkUpdate> = {
  noun: "outbound trunk",
  info: SIPOutboundTrunkInfo,
  idOf: (info) => info.sipTrunkId,
  create: "CreateSIPOutboundTrunk",
  createRequest: (trunk) => new CreateSIPOutboundTrunkRequest({ trunk }).toJson(),
  list: "ListSIPOutboundTrunk",
  listRequest: (filter) => new ListSIPOutboundTrunkRequest("ids" in filter ? { trunkIds: filter.ids } : { page: filter.page }).toJson(),
  listResponse: ListSIPOutboundTrunkResponse,
  update: "UpdateSIPOutboundTrunk",
  updateRequest: (sipTrunkId, action) => new UpdateSIPOutboundTrunkRequest({ sipTrunkId, action }).toJson(),
  delete: "DeleteSIPTrunk",
  deleteRequest: (sipTrunkId) => new DeleteSIPTrunkRequest({ sipTrunkId }).toJson(),
};

export const DISPATCH_RULE_RPCS: SipRpcs<SIPDispatchRuleInfo, SIPDispatchRuleUpdate> = {
  noun: "dispatch rule",
  info: SIPDispatchRuleInfo,
  idOf: (info) => info.sipDispatchRuleId,
  create: "CreateSIPDispatchRule",
  createRequest: (dispatchRule) => new CreateSIPDispatchRuleRequest({ dispatchRule }).toJson(),
  list: "ListSIPDispatchRule",
  listRequest: (filter) => new ListSIPDispatchRuleRequest("ids" in filter ? { dispatchRuleIds: filter.ids } : { page: filter.page }).toJson(),
  listResponse: ListSIPDispatchRuleResponse,
  update: "UpdateSIPDispatchRule",
  updateRequest: (sipDispatchRuleId, action) => new UpdateSIPDispatchRuleRequest({ sipDispatchRuleId, action }).toJson(),
  delete: "DeleteSIPDispatchRule",
  deleteRequest: (sipDispatchRuleId) => new DeleteSIPDispatchRuleRequest({ sipDispatchRuleId }).toJson(),
};
