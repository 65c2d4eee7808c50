import { MEDIA_ENCRYPTIONS } from "./fields";
import type { RuleContext } from "./validate";

/*
 * Each resource's rules across fields, checked at preview after every field on its own. A rule
 * speaks only of inputs that are known and individually valid (`known`), so one cause gives one
 * problem, and nothing is checked against a preview placeholder.
 */

/** SIP digest authentication needs both a username and a password. */
function authNeedsBoth(c: RuleContext): void {
  if (!c.known("authUsername", "authPassword")) return;
  if (c.given("authPassword") && !c.given("authUsername")) {
    c.fail("authUsername", "is required when authPassword is set: SIP digest authentication needs both");
  }
  if (c.given("authUsername") && !c.given("authPassword")) {
    c.fail("authPassword", "is required when authUsername is set: SIP digest authentication needs both");
  }
}

/** The deprecated `mediaEncryption` and `media.encryption` must not disagree. */
function oneMediaEncryption(c: RuleContext): void {
  const media = c.raw.media as Record<string, unknown> | undefined;
  if (!(media && typeof media === "object" && media.encryption !== undefined && c.given("mediaEncryption") && c.known("mediaEncryption", "media"))) return;
  const top = MEDIA_ENCRYPTIONS[Number(c.raw.mediaEncryption)] ?? c.raw.mediaEncryption;
  const inner = MEDIA_ENCRYPTIONS[Number(media.encryption)] ?? media.encryption;
  if (top !== inner) {
    c.fail("mediaEncryption", `says ${String(top)} but media.encryption says ${String(inner)}; set only media.encryption (mediaEncryption is deprecated)`);
  }
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

export function inboundTrunkRules(c: RuleContext): void {
  authNeedsBoth(c);
  if (c.known("numbers", "authUsername", "authPassword", "allowedAddresses")) {
    if (!hasItems(c.raw.numbers) && !hasItems(c.raw.allowedAddresses) && !(c.given("authUsername") && c.given("authPassword"))) {
      c.fail(
        "numbers",
        "is empty, so the trunk would accept calls to any number from anyone; also set authUsername and authPassword, or allowedAddresses",
      );
    }
  }
  oneMediaEncryption(c);
}

export function outboundTrunkRules(c: RuleContext): void {
  authNeedsBoth(c);
  // LiveKit refuses both (SIPOutboundTrunkInfo.Validate); said here so that preview fails first.
  if (c.known("address") && !c.given("address")) c.fail("address", "is required: the hostname or IP of your SIP provider, e.g. \"sip.example.com\"");
  if (c.known("numbers") && !hasItems(c.raw.numbers)) c.fail("numbers", "must list at least one number to call from, in E.164, e.g. [\"+15105550100\"]");
  if (c.known("destinationCountry") && c.given("destinationCountry") && !/^[A-Z]{2}$/.test(String(c.raw.destinationCountry))) {
    c.fail("destinationCountry", `${JSON.stringify(c.raw.destinationCountry)} is not an ISO 3166-1 alpha-2 country code; write two capital letters, e.g. "US"`);
  }
  oneMediaEncryption(c);
}

export function dispatchRuleRules(c: RuleContext): void {
  if (!c.known("rule")) return;
  if (!c.given("rule")) {
    c.fail("rule", 'is required: where calls go, e.g. { dispatchRuleIndividual: { roomPrefix: "call-" } }');
    return;
  }
  // The field check made sure the rule holds exactly one variant.
  const [[variant, settings]] = Object.entries(c.raw.rule as Record<string, Record<string, unknown>>);
  if (typeof settings.pin === "string" && !/^\d*$/.test(settings.pin)) {
    c.fail(`rule.${variant}.pin`, "must be digits only: callers type it on the keypad");
  }
}
