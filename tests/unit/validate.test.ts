import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { checkInputs, UNKNOWN } from "../../provider/core/validate";
import { INBOUND_TRUNK } from "../../provider/livekit/resources";

const checkTrunkInputs = (inputs: Record<string, unknown>) => checkInputs(INBOUND_TRUNK.input, inputs);

const valid = { numbers: ["+15105550100"] };

/** The problems for one set of inputs, as property → reason. */
function problems(inputs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(checkTrunkInputs(inputs).problems.map((p) => [p.property, p.reason]));
}

test("the preview placeholder is the one @pulumi/pulumi sends", () => {
  expect(UNKNOWN).toBe(unknownValue);
});

describe("check: valid inputs", () => {
  test("the seed trunk passes unchanged", () => {
    const inputs = { name: "Main line", numbers: ["+15105550100"], krispEnabled: true };
    expect(checkTrunkInputs(inputs)).toEqual({ inputs, problems: [] });
  });

  test("engine-owned keys are passed over", () => {
    expect(checkTrunkInputs({ ...valid, __provider: "code" }).problems).toEqual([]);
  });

  test("durations are canonicalised to LiveKit's JSON form", () => {
    const { inputs } = checkTrunkInputs({ ...valid, ringingTimeout: 30, maxCallDuration: "1.5s", media: { mediaTimeout: "10.000s" } });
    expect(inputs.ringingTimeout).toBe("30s");
    expect(inputs.maxCallDuration).toBe("1.500s");
    expect(inputs.media).toEqual({ mediaTimeout: "10s" });
  });

  test("enums given as numbers become names", () => {
    const { inputs } = checkTrunkInputs({ ...valid, includeHeaders: 1, mediaEncryption: 2 });
    expect(inputs.includeHeaders).toBe("SIP_X_HEADERS");
    expect(inputs.mediaEncryption).toBe("SIP_MEDIA_ENCRYPT_REQUIRE");
  });

  test("IPv4, IPv6 and CIDR addresses pass", () => {
    expect(problems({ ...valid, allowedAddresses: ["203.0.113.7", "203.0.113.0/24", "2001:db8::1", "2001:db8::/32"] })).toEqual({});
  });

  test("an any-number trunk with credentials passes", () => {
    expect(problems({ authUsername: "user", authPassword: "pw" })).toEqual({});
  });

  test("an any-number trunk limited to addresses passes", () => {
    expect(problems({ allowedAddresses: ["203.0.113.0/24"] })).toEqual({});
  });
});

describe("check: phone numbers", () => {
  test("spaces and dashes are refused with the E.164 spelling to use", () => {
    expect(problems({ numbers: ["+1 510-555-0100"] })["numbers[0]"]).toMatch(/not in E\.164 form; write it as "\+15105550100"/);
  });
  test("a number without + names the missing country code", () => {
    expect(problems({ numbers: ["15105550100"] })["numbers[0]"]).toMatch(/country code/);
  });
  test("a number too short for its country is refused", () => {
    expect(problems({ numbers: ["+1510"] })["numbers[0]"]).toMatch(/short|length/);
  });
  test("letters are refused", () => {
    expect(problems({ numbers: ["+1510CALLNOW"] })["numbers[0]"]).toBeDefined();
  });
  test("allowedNumbers are checked the same way", () => {
    expect(problems({ ...valid, allowedNumbers: ["+15105550100", "310 555 0100"] })).toHaveProperty(["allowedNumbers[1]"]);
  });
  test("a duplicate names both positions", () => {
    expect(problems({ numbers: ["+15105550100", "+15105550100"] })["numbers[1]"]).toMatch(/twice \(also at numbers\[0\]\)/);
  });
});

describe("check: addresses", () => {
  test.each(["example.com", "203.0.113.256", "203.0.113.0/33", "2001:db8::/129", "10.0.0.1/8/8", "0x7f.0.0.1", "1"])("%s is refused", (address) => {
    expect(problems({ ...valid, allowedAddresses: [address] })["allowedAddresses[0]"]).toMatch(/not an IP address or CIDR range/);
  });
});

describe("check: rules across fields", () => {
  test("empty numbers without credentials or addresses is refused on numbers", () => {
    expect(problems({})["numbers"]).toMatch(/accept calls to any number/);
    expect(problems({ numbers: [] })["numbers"]).toMatch(/authUsername and authPassword, or allowedAddresses/);
  });
  test("a password without a username is refused on authUsername", () => {
    expect(problems({ ...valid, authPassword: "pw" })["authUsername"]).toMatch(/required when authPassword is set/);
  });
  test("a username without a password is refused on authPassword", () => {
    expect(problems({ ...valid, authUsername: "user" })["authPassword"]).toMatch(/required when authUsername is set/);
  });
  test("conflicting encryption settings are refused", () => {
    const p = problems({ ...valid, mediaEncryption: "SIP_MEDIA_ENCRYPT_ALLOW", media: { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" } });
    expect(p["mediaEncryption"]).toMatch(/media\.encryption says SIP_MEDIA_ENCRYPT_REQUIRE/);
  });
});

describe("check: headers, durations, enums, types", () => {
  test("a header name with a space is refused with the header named", () => {
    expect(problems({ ...valid, headers: { "X Bad": "1" } })["headers.X Bad"]).toMatch(/not a valid SIP header name/);
  });
  test("a header value with a newline is refused", () => {
    expect(problems({ ...valid, headers: { "X-Ok": "a\nb" } })["headers.X-Ok"]).toMatch(/printable ASCII/);
  });
  test("attributesToHeaders checks its values as header names", () => {
    expect(problems({ ...valid, attributesToHeaders: { attr: "not ok" } })["attributesToHeaders.attr"]).toMatch(/header name/);
  });
  test.each([
    ["ringingTimeout", "0s", /longer than zero/],
    ["ringingTimeout", "11m", /not a duration/],
    ["ringingTimeout", 601, /longer than the 600s allowed/],
    ["maxCallDuration", -5, /not a duration/],
    ["maxCallDuration", "49h", /not a duration/],
  ])("%s = %p is refused", (field, value, reason) => {
    expect(problems({ ...valid, [field]: value })[field]).toMatch(reason);
  });
  test("media timeout over LiveKit's 10 minutes is refused", () => {
    expect(problems({ ...valid, media: { mediaTimeout: "601s" } })["media.mediaTimeout"]).toMatch(/600s/);
  });
  test("an unknown enum name lists the allowed ones", () => {
    expect(problems({ ...valid, includeHeaders: "ALL" })["includeHeaders"]).toMatch(/SIP_NO_HEADERS, SIP_X_HEADERS, SIP_ALL_HEADERS/);
  });
  test("wrong types name the expected type", () => {
    const p = problems({ numbers: "+15105550100", krispEnabled: "yes", name: 5, headers: ["X-A"] });
    expect(p["numbers"]).toMatch(/must be a list of strings/);
    expect(p["krispEnabled"]).toMatch(/true or false/);
    expect(p["name"]).toMatch(/must be a string/);
    expect(p["headers"]).toMatch(/must be an object/);
  });
  test("an unknown field is refused and the known ones listed", () => {
    expect(problems({ ...valid, number: ["+15105550100"] })["number"]).toMatch(/known fields are name, metadata/);
  });
  test("codecs need a name", () => {
    expect(problems({ ...valid, media: { codecs: [{ rate: 8000 }] } })).toHaveProperty(["media.codecs[0].name"]);
  });
});

describe("check: unknown values during preview", () => {
  test("an unknown scalar passes through unvalidated", () => {
    const { inputs, problems: found } = checkTrunkInputs({ ...valid, authUsername: "user", authPassword: UNKNOWN });
    expect(found).toEqual([]);
    expect(inputs.authPassword).toBe(UNKNOWN);
  });
  test("an unknown list item passes through while known items are checked", () => {
    const { inputs, problems: found } = checkTrunkInputs({ numbers: [UNKNOWN, "bad"] });
    expect(inputs.numbers).toEqual([UNKNOWN]);
    expect(found.map((p) => p.property)).toEqual(["numbers[1]"]);
  });
  test("rules across fields wait until their inputs are known", () => {
    expect(problems({ numbers: UNKNOWN })).toEqual({});
  });
});

describe("check: secret inputs", () => {
  test("a password of the wrong type is named by its kind, never its value", () => {
    const password = 98765000 + Math.floor(Math.random() * 1000);
    const reason = problems({ ...valid, authUsername: "pbx", authPassword: password }).authPassword;
    expect(reason).toBe("must be a string, got a number (not shown: authPassword is secret)");
    expect(reason).not.toContain(String(password));
  });

  test("other fields still show the value that is wrong", () => {
    expect(problems({ ...valid, name: 42 }).name).toBe("must be a string, got number 42");
  });
});
