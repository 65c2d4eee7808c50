import { inboundTrunkArgsFromLkJson } from "../../sdk/lkJson";
import { programForTrunks } from "../../cli/programText";

describe("inboundTrunkArgsFromLkJson", () => {
  test("reads the create-request form", () => {
    const file = '{ "trunk": { "name": "My trunk", "numbers": ["+15105550100"], "krispEnabled": true } }';
    expect(inboundTrunkArgsFromLkJson(file)).toEqual({ name: "My trunk", numbers: ["+15105550100"], krispEnabled: true });
  });
  test("reads the bare form with snake_case names, media included", () => {
    const file = { name: "T", allowed_numbers: ["+13105550100"], media: { only_listed_codecs: true } };
    expect(inboundTrunkArgsFromLkJson(file)).toEqual({ name: "T", allowedNumbers: ["+13105550100"], media: { onlyListedCodecs: true } });
  });
  test("turns a listed trunk's ID into adoptTrunkId and drops server timestamps", () => {
    const listed = { sipTrunkId: "ST_abc", numbers: ["+15105550100"], createdAt: "2026-01-01T00:00:00Z" };
    expect(inboundTrunkArgsFromLkJson(listed)).toEqual({ adoptTrunkId: "ST_abc", numbers: ["+15105550100"] });
  });
  test("names unknown fields and lists the known ones", () => {
    expect(() => inboundTrunkArgsFromLkJson({ trunk: { numbers: [], phone: "x" } }, "main.json")).toThrow(
      /main\.json: unknown field\(s\) phone; an inbound trunk has name, metadata, numbers/,
    );
  });
  test("names fields beside trunk", () => {
    expect(() => inboundTrunkArgsFromLkJson({ trunk: {}, extra: 1 })).toThrow(/unknown field\(s\) extra beside "trunk"/);
  });
  test("says when the text is not JSON", () => {
    expect(() => inboundTrunkArgsFromLkJson("{ trunk: ")).toThrow(/not valid JSON/);
  });
});

describe("programForTrunks", () => {
  const program = programForTrunks([
    { sipTrunkId: "ST_1", spec: { name: "Main line", numbers: ["+15105550100"] } },
    { sipTrunkId: "ST_2", spec: { name: "Main line", authUsername: "u", authPassword: "never-printed" } },
  ]);
  test("adopts each trunk by ID under a unique name", () => {
    expect(program).toContain('const mainLine = new InboundTrunk("main-line", {\n    "adoptTrunkId": "ST_1"');
    expect(program).toContain('const mainLine2 = new InboundTrunk("main-line2"');
  });
  test("never prints a password and reads it from secret config", () => {
    expect(program).not.toContain("never-printed");
    expect(program).toContain('authPassword: config.requireSecret("mainLine2AuthPassword")');
    expect(program).toContain("pulumi config set --secret mainLine2AuthPassword");
  });
  test("reads header values, secret like the password, from a secret JSON object", () => {
    const withHeaders = programForTrunks([{ sipTrunkId: "ST_4", spec: { name: "Carrier", numbers: ["+15105550102"], headers: { "X-Token": "never-printed-token" } } }]);
    expect(withHeaders).not.toContain("never-printed-token");
    expect(withHeaders).toContain('headers: config.requireSecretObject<Record<string, string>>("carrierHeaders")');
    expect(withHeaders).toContain("pulumi config set --secret carrierHeaders <headers of ST_4>");
  });
  test("spells encryption as media.encryption, not the deprecated mediaEncryption", () => {
    const encrypted = programForTrunks([
      {
        sipTrunkId: "ST_3",
        spec: { name: "Secure", numbers: ["+15105550101"], mediaEncryption: "SIP_MEDIA_ENCRYPT_REQUIRE", media: { codecs: [{ name: "PCMU" }] } },
      },
    ]);
    const declared = JSON.parse(encrypted.slice(encrypted.indexOf("{\n    \"adoptTrunkId\""), encrypted.indexOf(");\n  return")));
    expect(declared).toEqual({
      adoptTrunkId: "ST_3",
      name: "Secure",
      numbers: ["+15105550101"],
      media: { codecs: [{ name: "PCMU" }], encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" },
    });
  });
});
