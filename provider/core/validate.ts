import * as ipaddr from "ipaddr.js";
import { parsePhoneNumberWithError, ParseError } from "libphonenumber-js/max";
import { quoted } from "./errors";
import { durationSeconds, formatDuration, parseDuration } from "./durations";
import { FieldDescription, FieldTable, fieldNames, ListItem, MapCheck, MessageName, MEDIA_ENCRYPTIONS, MEDIA_TIMEOUT_MAX_SECONDS, secretFields } from "./fields";
import type { MediaConfig, SipCodec } from "./trunk";
import { camelCase, isJsonObject } from "./jsonNames";
import { canonicalMessageJson } from "./wire";

/**
 * `check`: turns whatever the program passed into a canonical sparse record of a resource's
 * fields, or says, field by field, what is wrong and how to fix it. Runs at `pulumi preview`,
 * before any request.
 */

/**
 * During preview, values not yet known arrive as Pulumi's placeholder; they are never validated.
 * The placeholder is part of Pulumi's wire protocol (`unknownValue` in @pulumi/pulumi's
 * runtime/rpc); it is written out here so that the plugin's bundle does not carry the program
 * runtime that module loads. A unit test compares the two.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One problem with one input, as Pulumi's `CheckFailure`. */
export interface InputProblem {
  /** The input's name, with an index or key where it helps: `numbers[1]`, `headers.X-Foo`. */
  property: string;
  reason: string;
}

/** The result of checking: canonical inputs (unknowns kept as they came) and any problems. */
export interface CheckedInputs {
  inputs: Record<string, unknown>;
  problems: InputProblem[];
}

/** What checking a resource's inputs needs to know about the resource. */
export interface InputShape {
  /** The resource, for messages: `an inbound trunk`. */
  article: string;
  table: FieldTable;
  /** Inputs about how the resource is managed, not sent to LiveKit (strings), e.g. `adoptTrunkId`. */
  management: readonly string[];
  /** Rules across fields. */
  rules: (context: RuleContext) => void;
}

/** What a rule across fields sees and can say. */
export interface RuleContext {
  /** The inputs as the program gave them. */
  raw: Record<string, unknown>;
  fail(property: string, reason: string): void;
  /** Whether an input is present and not empty. */
  given(key: string): boolean;
  /** Whether every input named is known (not a preview placeholder) and individually valid. */
  known(...keys: string[]): boolean;
}
/** Longest string accepted in any field; far above anything LiveKit stores usefully. */
const MAX_STRING_LENGTH = 64 * 1024;
/** RFC 3261 `token` characters, which is what LiveKit allows in header names. */
const HEADER_NAME = /^[A-Za-z0-9\-.!%*_+`'~]{1,255}$/;
/** A hostname, IPv4 address or bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/** Printable ASCII, which is what LiveKit allows in header values. */
const HEADER_VALUE = /^[\x20-\x7e\t]{0,1024}$/;

/** Whether a value is, or contains, the engine's unknown placeholder. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return quoted(value);
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/** A value for a message about `property` (or an entry of it): its kind alone when the input is secret. */
function describeInput(secrets: ReadonlySet<string>, property: string, value: unknown): string {
  if (!secrets.has(property.split(/[.[]/)[0])) return describe(value);
  const kind = value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : `a ${typeof value}`;
  return `${kind} (not shown: ${property} is secret)`;
}

class Checker {
  readonly problems: InputProblem[] = [];
  readonly out: Record<string, unknown> = {};
  /** Inputs whose values no message may show (the engine masks them, but a message is plain text). */
  private readonly secrets: ReadonlySet<string>;

  constructor(private readonly table: FieldTable) {
    this.secrets = new Set(secretFields(table));
  }

  fail(property: string, reason: string): undefined {
    this.problems.push({ property, reason });
    return undefined;
  }

  /** One field, checked as its description in the table says. */
  field(name: string, value: unknown): unknown {
    const field: FieldDescription = this.table[name];
    switch (field.kind) {
      case "string":
        return this.string(name, value);
      case "host":
        return this.host(name, value);
      case "boolean":
        return this.boolean(name, value);
      case "list":
        return this.list(name, value, (p, v) => this.listItem(field.item, p, v));
      case "message":
        return this.message(name, value, field.message, field.exactlyOneOf);
      case "map":
        return this.stringMap(name, value, MAP_ENTRY_CHECKS[field.check]);
      case "enum":
        return this.oneOf(name, value, field.values);
      case "duration":
        return this.duration(name, value, field.maxSeconds);
      case "media":
        return this.media(name, value);
    }
  }

  listItem(item: ListItem, property: string, value: unknown): string | undefined {
    switch (item) {
      case "phoneNumber":
        return this.phoneNumber(property, value);
      case "address":
        return this.address(property, value);
      case "id": {
        const id = this.string(property, value);
        return id === "" ? this.fail(property, "must not be empty: give the ID LiveKit assigned, e.g. trunk.sipTrunkId") : id;
      }
    }
  }

  /** A hostname or IP with an optional port: what LiveKit dials, never a SIP URI. */
  host(property: string, value: unknown): string | undefined {
    const text = this.string(property, value);
    if (text === undefined || text === "") return text;
    if (/^sips?:|[@;]|transport=/i.test(text) || !HOST.test(text)) {
      return this.fail(property, `${describe(text)} is not a hostname or IP with an optional port; write it like "sip.example.com" or "203.0.113.7:5060", without sip:, user@ or ;parameters`);
    }
    return text;
  }

  /** A protobuf message in LiveKit's JSON, canonicalised (defaults left out). */
  message(property: string, value: unknown, message: MessageName, exactlyOneOf?: readonly string[]): Record<string, unknown> | undefined {
    if (!isJsonObject(value)) return this.fail(property, `must be an object, got ${describe(value)}`);
    if (exactlyOneOf) {
      const present = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] != null);
      const chosen = present.filter((key) => exactlyOneOf.includes(camelCase(key)));
      if (chosen.length !== 1 || present.length !== 1) {
        const got = present.length === 0 ? "none" : present.join(" and ");
        return this.fail(property, `must have exactly one of ${exactlyOneOf.join(", ")}; got ${got}`);
      }
    }
    try {
      return canonicalMessageJson(message, value);
    } catch (error) {
      // The decoder names the message and the key it could not read, e.g. `key "roomPrefx" is unknown`.
      const why = error instanceof Error ? error.message.replace(/^cannot decode message livekit\./, "") : String(error);
      return this.fail(property, `is not a valid ${message} in LiveKit's JSON: ${why}`);
    }
  }

  string(property: string, value: unknown): string | undefined {
    if (typeof value !== "string") return this.fail(property, `must be a string, got ${describeInput(this.secrets, property, value)}`);
    if (value.length > MAX_STRING_LENGTH) {
      return this.fail(property, `is ${value.length} characters long; at most ${MAX_STRING_LENGTH} are accepted`);
    }
    return value;
  }

  list(property: string, value: unknown, item: (property: string, value: unknown) => string | undefined): string[] | undefined {
    if (!Array.isArray(value)) return this.fail(property, `must be a list of strings, got ${describe(value)}`);
    const seen = new Map<string, number>();
    const result: string[] = [];
    value.forEach((element, i) => {
      const where = `${property}[${i}]`;
      if (element === UNKNOWN) {
        result.push(element);
        return;
      }
      const checked = item(where, element);
      if (checked === undefined) return;
      const first = seen.get(checked);
      if (first !== undefined) {
        this.fail(where, `${describe(checked)} is listed twice (also at ${property}[${first}]); list each entry once`);
        return;
      }
      seen.set(checked, i);
      result.push(checked);
    });
    return result;
  }

  phoneNumber(property: string, value: unknown): string | undefined {
    const text = this.string(property, value);
    if (text === undefined) return undefined;
    const advice = "write it in E.164 form: a + then the country code and number, digits only, e.g. +15105550100";
    let parsed;
    try {
      parsed = parsePhoneNumberWithError(text);
    } catch (error) {
      const why =
        error instanceof ParseError
          ? { INVALID_COUNTRY: "has no valid country code", TOO_SHORT: "is too short", TOO_LONG: "is too long", NOT_A_NUMBER: "is not a phone number" }[
              error.message
            ] ?? "is not a phone number"
          : "is not a phone number";
      return this.fail(property, `${describe(text)} ${why}; ${advice}`);
    }
    if (parsed.number !== text) {
      return this.fail(property, `${describe(text)} is not in E.164 form; write it as "${parsed.number}" (a + and digits only)`);
    }
    if (!parsed.isPossible()) {
      return this.fail(property, `${describe(text)} has the wrong length for country code +${parsed.countryCallingCode}; ${advice}`);
    }
    return text;
  }

  address(property: string, value: unknown): string | undefined {
    const text = this.string(property, value);
    if (text === undefined) return undefined;
    const [address, prefix, ...rest] = text.split("/");
    const isV4 = ipaddr.IPv4.isValidFourPartDecimal(address);
    const isV6 = !isV4 && address.includes(":") && ipaddr.IPv6.isValid(address);
    const maxPrefix = isV4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (!(isV4 || isV6) || !prefixOk || rest.length > 0) {
      return this.fail(
        property,
        `${describe(text)} is not an IP address or CIDR range; use forms like "203.0.113.7", "203.0.113.0/24" or "2001:db8::/32"`,
      );
    }
    return text;
  }

  stringMap(property: string, value: unknown, checkEntry: (key: string, val: string) => string | undefined): Record<string, string> | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return this.fail(property, `must be an object of string values, got ${describe(value)}`);
    }
    const result: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
      const where = `${property}.${key}`;
      if (entry === UNKNOWN) {
        result[key] = entry;
        continue;
      }
      const text = this.string(where, entry);
      if (text === undefined) continue;
      const problem = checkEntry(key, text);
      if (problem) this.fail(where, problem);
      else result[key] = text;
    }
    return result;
  }

  oneOf<T extends string>(property: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < allowed.length) return allowed[value];
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(property, `${describe(value)} is not one of ${allowed.join(", ")}`);
  }

  duration(property: string, value: unknown, maxSeconds: number): string | undefined {
    if (typeof value !== "string" && typeof value !== "number") {
      return this.fail(property, `must be a duration such as "30s" or a number of seconds, got ${describe(value)}`);
    }
    const parts = parseDuration(value);
    if (!parts) return this.fail(property, `${describe(value)} is not a duration; write seconds with an s, e.g. "30s" or "1.5s"`);
    const seconds = durationSeconds(parts);
    if (seconds <= 0) return this.fail(property, `must be longer than zero; leave it out to use LiveKit's default`);
    if (seconds > maxSeconds) return this.fail(property, `${describe(value)} is longer than the ${maxSeconds}s allowed`);
    return formatDuration(parts);
  }

  boolean(property: string, value: unknown): boolean | undefined {
    if (typeof value !== "boolean") return this.fail(property, `must be true or false, got ${describe(value)}`);
    return value;
  }

  media(property: string, value: unknown): MediaConfig | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return this.fail(property, `must be an object with onlyListedCodecs, codecs, encryption or mediaTimeout, got ${describe(value)}`);
    }
    const media: MediaConfig = {};
    for (const [key, entry] of Object.entries(value)) {
      const where = `${property}.${key}`;
      if (containsUnknown(entry)) {
        (media as Record<string, unknown>)[key] = entry;
        continue;
      }
      switch (key) {
        case "onlyListedCodecs":
          media.onlyListedCodecs = this.boolean(where, entry);
          break;
        case "codecs":
          media.codecs = this.codecs(where, entry);
          break;
        case "encryption":
          media.encryption = this.oneOf(where, entry, MEDIA_ENCRYPTIONS);
          break;
        case "mediaTimeout":
          media.mediaTimeout = this.duration(where, entry, MEDIA_TIMEOUT_MAX_SECONDS);
          break;
        default:
          this.fail(where, "is not a media setting; known settings are onlyListedCodecs, codecs, encryption, mediaTimeout");
      }
    }
    return media;
  }

  codecs(property: string, value: unknown): SipCodec[] | undefined {
    if (!Array.isArray(value)) return this.fail(property, `must be a list of { name, rate } objects, got ${describe(value)}`);
    const codecs: SipCodec[] = [];
    value.forEach((entry: unknown, i) => {
      const where = `${property}[${i}]`;
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
        this.fail(where, `must be an object such as { name: "PCMU" }, got ${describe(entry)}`);
        return;
      }
      const { name, rate, ...others } = entry as Record<string, unknown>;
      for (const other of Object.keys(others)) this.fail(`${where}.${other}`, "is not a codec setting; use name and rate");
      const codecName = this.string(`${where}.name`, name);
      if (codecName === "") this.fail(`${where}.name`, "must not be empty");
      if (rate !== undefined && !(typeof rate === "number" && Number.isInteger(rate) && rate >= 0 && rate <= 1_000_000)) {
        this.fail(`${where}.rate`, `must be a whole number of Hz, got ${describe(rate)}`);
      } else if (codecName) {
        codecs.push(rate ? { name: codecName, rate } : { name: codecName });
      }
    });
    return codecs;
  }
}

function headerNameProblem(name: string): string | undefined {
  return HEADER_NAME.test(name) ? undefined : `${describe(name)} is not a valid SIP header name (letters, digits and -.!%*_+\`'~ only)`;
}

function headerValueProblem(value: string): string | undefined {
  return HEADER_VALUE.test(value) ? undefined : "must be printable ASCII of at most 1024 characters";
}

/** What each kind of string map checks in an entry: which side is a SIP header name, and header values. */
const MAP_ENTRY_CHECKS: Record<MapCheck, (key: string, value: string) => string | undefined> = {
  headerNameAndValue: (name, value) => headerNameProblem(name) ?? headerValueProblem(value),
  headerNameKeys: (name) => headerNameProblem(name),
  headerNameValues: (_attribute, header) => headerNameProblem(header),
  none: () => undefined,
};

/** Validates and canonicalises a resource's raw inputs. Pure. */
export function checkInputs(shape: InputShape, raw: Record<string, unknown>): CheckedInputs {
  const c = new Checker(shape.table);
  const known = new Set<string>([...fieldNames(shape.table), ...shape.management]);
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith("__")) continue; // engine-owned, e.g. __provider
    if (value === undefined || value === null) continue; // left out: the default
    if (!known.has(key)) {
      c.fail(key, `is not a field of ${shape.article}; known fields are ${[...known].join(", ")}`);
      continue;
    }
    if (value === UNKNOWN) {
      // Lists, maps and media may hold unknowns inside; their checkers pass those through.
      c.out[key] = value;
      continue;
    }
    const checked = shape.management.includes(key) ? c.string(key, value) : c.field(key, value);
    if (checked !== undefined) c.out[key] = checked;
  }
  shape.rules(ruleContext(c, raw));
  return { inputs: c.out, problems: c.problems };
}

/** The view of a checker that rules across fields get; each rule is skipped while a value it depends on is unknown. */
function ruleContext(c: Checker, raw: Record<string, unknown>): RuleContext {
  // A rule speaks only of inputs that are known and individually valid: one problem per cause.
  const invalid = (key: string) => c.problems.some((p) => p.property === key || p.property.startsWith(`${key}[`) || p.property.startsWith(`${key}.`));
  return {
    raw,
    fail: (property, reason) => c.fail(property, reason),
    given: (key) => raw[key] !== undefined && raw[key] !== null && raw[key] !== "",
    known: (...keys) => keys.every((k) => !containsUnknown(raw[k]) && !invalid(k)),
  };
}

/** The checked inputs' fields of `table`, when none of them is unknown (always true outside preview). */
export function fieldsFromInputs(table: FieldTable, inputs: Record<string, unknown>): Record<string, unknown> {
  // Only fields: `__provider`, adoptTrunkId and other management inputs are not sent.
  return Object.fromEntries(Object.entries(inputs).filter(([key]) => Object.prototype.hasOwnProperty.call(table, key)));
}
