import * as pulumi from "@pulumi/pulumi";
import { claimRuleKeys, ruleKeys } from "../../dynamic/ruleKeys";

const individual = (pin?: string) => ({ dispatchRuleIndividual: { roomPrefix: "call-", ...(pin === undefined ? {} : { pin }) } });

describe("ruleKeys", () => {
  test("empty lists stand for any, numbers are compared as LiveKit normalises them", () => {
    const a = ruleKeys({ trunkIds: ["ST_1"], inboundNumbers: ["+1 (510) 555-0100"], rule: individual() })!;
    const b = ruleKeys({ trunkIds: ["ST_1"], inboundNumbers: ["+15105550100"], numbers: [], rule: individual("") })!;
    expect(a.map((k) => k.key)).toEqual(b.map((k) => k.key));
    expect(a[0].said).toBe("on trunk ST_1, from +15105550100, to any number, with no PIN");
  });

  test("each trunk × caller × called number is a key; a PIN, a caller or a trunk tells rules apart", () => {
    expect(ruleKeys({ trunkIds: ["ST_1", "ST_2"], numbers: ["+15105550100", "+15105550101"], rule: individual() })).toHaveLength(4);
    const keysOf = (args: Parameters<typeof ruleKeys>[0]) => ruleKeys(args)!.map((k) => k.key);
    const base = keysOf({ trunkIds: ["ST_1"], rule: individual() });
    expect(keysOf({ trunkIds: ["ST_1"], rule: individual("1234") })).not.toEqual(base);
    expect(keysOf({ trunkIds: ["ST_1"], inboundNumbers: ["+15105550100"], rule: individual() })).not.toEqual(base);
    expect(keysOf({ rule: individual() })).not.toEqual(base);
  });

  test("a trunk ID that is another resource's output is that output: the same object, the same trunk", () => {
    const line = pulumi.output("ST_unknown_yet");
    const other = pulumi.output("ST_unknown_yet");
    const keyOf = (trunk: unknown) => ruleKeys({ trunkIds: [trunk], rule: individual() })![0];
    expect(keyOf(line).key).toBe(keyOf(line).key);
    expect(keyOf(line).key).not.toBe(keyOf(other).key);
    expect(keyOf(line).said).toMatch(/^on the same trunk resource/);
  });

  test("parts not known while the program runs are left to the server", () => {
    expect(ruleKeys({ trunkIds: pulumi.output(["ST_1"]), rule: individual() })).toBeUndefined();
    expect(ruleKeys({ trunkIds: ["ST_1"], rule: pulumi.output(individual()) })).toBeUndefined();
    expect(ruleKeys({ trunkIds: ["ST_1"], rule: { dispatchRuleDirect: { roomName: "r", pin: pulumi.secret("1") } } })).toBeUndefined();
  });
});

describe("claimRuleKeys", () => {
  test("a second rule of a taken key stops the program naming both; what LiveKit allows passes", () => {
    claimRuleKeys("support", { trunkIds: ["ST_9"], rule: individual() });
    expect(() => claimRuleKeys("sales", { trunkIds: ["ST_9"], rule: individual("4321") })).not.toThrow();
    expect(() => claimRuleKeys("fallback", { rule: individual() })).not.toThrow();
    expect(() => claimRuleKeys("copy", { trunkIds: ["ST_9"], rule: { dispatchRuleDirect: { roomName: "other" } } })).toThrow(
      /DispatchRule "copy" and DispatchRule "support" both take calls on trunk ST_9, from any caller, to any number, with no PIN/,
    );
  });
});
