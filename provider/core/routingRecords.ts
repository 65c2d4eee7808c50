import type { FieldValues } from "./records";
import type { RoutedRule, RoutedTrunk, RuleVariant } from "./routing";
import { isSecretValue } from "./secretValues";

/*
 * Records in the shapes the package stores and lists them (the field tables' names, LiveKit's
 * JSON, absent fields at their defaults) read into routing's plain types. Values not known yet
 * (a preview's unknowns) are read as absent by the caller before this.
 */

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function textMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function object(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * An inbound trunk record. Its `authPassword` may be a secret still encrypted (state exported
 * without `--show-secrets`): routing needs to know only that there is one.
 */
export function routedTrunkOf(id: string, fields: FieldValues): RoutedTrunk {
  const authUsername = text(fields.authUsername);
  const password = fields.authPassword;
  return {
    id,
    name: text(fields.name),
    numbers: texts(fields.numbers),
    allowedAddresses: texts(fields.allowedAddresses),
    allowedNumbers: texts(fields.allowedNumbers),
    authUsername,
    hasAuthPassword: typeof password === "string" ? password !== "" : isSecretValue(password),
  };
}

/** The variant a `rule` value (LiveKit's JSON of `SIPDispatchRule`) holds, if it holds exactly one. */
export function ruleVariantOf(rule: unknown): RuleVariant | undefined {
  const value = object(rule);
  if (!value) return undefined;
  const direct = object(value.dispatchRuleDirect);
  const individual = object(value.dispatchRuleIndividual);
  const callee = object(value.dispatchRuleCallee);
  if ([direct, individual, callee].filter(Boolean).length !== 1) return undefined;
  if (direct) return { kind: "direct", roomName: text(direct.roomName), pin: text(direct.pin) };
  if (individual) return { kind: "individual", roomPrefix: text(individual.roomPrefix), pin: text(individual.pin), noRandomness: individual.noRandomness === true };
  return { kind: "callee", roomPrefix: text(callee!.roomPrefix), pin: text(callee!.pin), randomize: callee!.randomize === true };
}

/** A dispatch rule record. */
export function routedRuleOf(id: string, fields: FieldValues): RoutedRule {
  return {
    id,
    name: text(fields.name),
    trunkIds: texts(fields.trunkIds),
    inboundNumbers: texts(fields.inboundNumbers),
    numbers: texts(fields.numbers),
    variant: ruleVariantOf(fields.rule),
    hidePhoneNumber: fields.hidePhoneNumber === true,
    attributes: textMap(fields.attributes),
  };
}
