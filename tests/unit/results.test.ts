import { ADOPTED_TRUNK_GONE, fieldsDiffering, importedSecretsAdvice, outputsFor, plannedWrite, readResult, UNMANAGED_SECRETS, unmanagedSecrets, withUnmanagedSecrets } from "../../provider/core/results";
import { completeTrunk } from "../../provider/core/trunk";
import { secretFields, TRUNK_FIELDS } from "../../provider/core/fields";
import { INBOUND_TRUNK } from "../../provider/livekit/resources";
import { UNKNOWN } from "../../provider/core/validate";

/** The provider's answers to the engine, from what it was given and what it read (no I/O). */

describe("plannedWrite (what a preview says update will send)", () => {
  const recorded = { sipTrunkId: "ST_1", name: "Main", numbers: ["+15105550100"] };

  test("fields with an update slot are a field update; a replace-only one makes it a replace of the same ID", () => {
    expect(plannedWrite(TRUNK_FIELDS, recorded, { name: "Renamed", numbers: ["+15105550100", "+15105550101"] })).toBe("a field update (name, numbers)");
    expect(plannedWrite(TRUNK_FIELDS, recorded, { name: "Renamed", numbers: ["+15105550100"], krispEnabled: true })).toBe(
      "a replace of the same ID: krispEnabled cannot change in place (also name)",
    );
  });

  test("a value not known at preview is said, not guessed", () => {
    expect(plannedWrite(TRUNK_FIELDS, recorded, { name: UNKNOWN, numbers: ["+15105550100"] })).toBe("a field update or a replace of the same ID, once name is known");
  });
});

describe("fieldsDiffering (diff)", () => {
  const recorded = { sipTrunkId: "ST_1", name: "Main", numbers: ["+15105550100"] };

  test("fields not known yet at preview count as differing; known equal ones do not", () => {
    expect(fieldsDiffering(TRUNK_FIELDS, recorded, { name: UNKNOWN, numbers: ["+15105550100"] })).toEqual(["name"]);
    expect(fieldsDiffering(TRUNK_FIELDS, recorded, { name: "Main", numbers: [UNKNOWN] })).toEqual(["numbers"]);
  });

  test("list order and spelled-out defaults are not differences", () => {
    expect(fieldsDiffering(TRUNK_FIELDS, { numbers: ["+1", "+2"] }, { numbers: ["+2", "+1"], krispEnabled: false, name: "" })).toEqual([]);
  });

  test("management inputs and the engine's __provider are not trunk fields", () => {
    expect(fieldsDiffering(TRUNK_FIELDS, recorded, { ...recorded, adoptTrunkId: "ST_1", __provider: "x", [ADOPTED_TRUNK_GONE]: "ST_0" })).toEqual([]);
  });
});

describe("outputsFor", () => {
  test("a server that hides passwords (an empty one with a username) is assumed to hold the declared one", () => {
    const declared = completeTrunk({ authUsername: "u", authPassword: "declared" });
    const live = completeTrunk({ authUsername: "u" });
    expect(outputsFor(INBOUND_TRUNK, "ST_1", live, declared, {}).authPassword).toBe("declared");
  });

  test("a password the server reports is the output, even when it differs from the declared one", () => {
    const declared = completeTrunk({ authUsername: "u", authPassword: "declared" });
    const live = completeTrunk({ authUsername: "u", authPassword: "changed-by-hand" });
    expect(outputsFor(INBOUND_TRUNK, "ST_1", live, declared, {}).authPassword).toBe("changed-by-hand");
  });
});

describe("readResult (refresh)", () => {
  const live = completeTrunk({ name: "Live name", numbers: ["+15105550100"] });

  test("an adopted trunk keeps adoptTrunkId in its outputs and inputs, and takes the live fields", () => {
    const result = readResult(INBOUND_TRUNK, "ST_1", { sipTrunkId: "ST_1", name: "Old name", adoptTrunkId: "ST_1" }, live);
    expect(result.props).toMatchObject({ sipTrunkId: "ST_1", name: "Live name", adoptTrunkId: "ST_1" });
    expect(result.inputs).toEqual({ name: "Live name", numbers: ["+15105550100"], adoptTrunkId: "ST_1" });
  });

  test("a trunk deleted out of band is dropped from state", () => {
    expect(readResult(INBOUND_TRUNK, "ST_1", { sipTrunkId: "ST_1", name: "Main" }, undefined)).toEqual({});
  });

  test("an adopted trunk deleted out of band stays, marked, so the next up replaces it", () => {
    const result = readResult(INBOUND_TRUNK, "ST_1", { sipTrunkId: "ST_1", name: "Main", adoptTrunkId: "ST_1" }, undefined);
    expect(result.id).toBe("ST_1");
    expect(result.props).toMatchObject({ [ADOPTED_TRUNK_GONE]: "ST_1" });
    expect(result.inputs).toEqual({ name: "Main", adoptTrunkId: "ST_1", [ADOPTED_TRUNK_GONE]: "ST_1" });
  });
});

describe("an import's secrets (read with nothing recorded)", () => {
  const live = completeTrunk({ name: "Made with lk", numbers: ["+15105550100"], authUsername: "pbx", authPassword: "lk-made-secret", headers: { "X-Token": "t0ken" } });

  test("the import answers inputs without a secret, and lists the secret fields the server holds (and a password's username) as unmanaged", () => {
    const imported = readResult(INBOUND_TRUNK, "ST_1", {}, live);
    // The inputs are what Pulumi prints; the outputs (encrypted in state) keep the values.
    expect(JSON.stringify(imported.inputs)).not.toMatch(/lk-made-secret|t0ken/);
    expect(imported.props).toMatchObject({ authUsername: "pbx", authPassword: "lk-made-secret", headers: { "X-Token": "t0ken" } });
    // Digest authentication needs both, so the program declares neither until it declares both.
    expect(imported.inputs).toEqual({ name: "Made with lk", numbers: ["+15105550100"] });
    expect(imported.props).toMatchObject({ sipTrunkId: "ST_1", [UNMANAGED_SECRETS]: ["authUsername", ...secretFields(TRUNK_FIELDS)] });
    // The pasted program (the imported inputs) finds nothing to change.
    expect(fieldsDiffering(TRUNK_FIELDS, imported.props!, imported.inputs!)).toEqual([]);
  });

  test("undeclared, they are LiveKit's: no diff and no drift, whatever the server holds; declared, they are compared", () => {
    const imported = readResult(INBOUND_TRUNK, "ST_1", {}, live);
    const changedByHand = completeTrunk({ ...live, authPassword: "changed-by-hand" });
    const refreshed = readResult(INBOUND_TRUNK, "ST_1", imported.props!, changedByHand);
    expect(refreshed.props?.[UNMANAGED_SECRETS]).toEqual(imported.props?.[UNMANAGED_SECRETS]);
    expect(refreshed.inputs).toEqual(imported.inputs);
    expect(fieldsDiffering(TRUNK_FIELDS, refreshed.props!, imported.inputs!)).toEqual([]);
    expect(plannedWrite(TRUNK_FIELDS, refreshed.props!, { ...imported.inputs!, name: "Renamed" })).toBe("a field update (name)");
    // Declared (from secret config, or as a migrated program declares them): compared like any field.
    const declared = { ...imported.inputs!, authUsername: "pbx", authPassword: "lk-made-secret" };
    expect(unmanagedSecrets(refreshed.props!, declared)).toEqual(["headers"]);
    expect(fieldsDiffering(TRUNK_FIELDS, imported.props!, declared)).toEqual([]);
    expect(fieldsDiffering(TRUNK_FIELDS, refreshed.props!, declared)).toEqual(["authPassword"]);
  });

  test("outputs carry the list of the fields still unmanaged; with none left, no list", () => {
    expect(withUnmanagedSecrets({ sipTrunkId: "ST_1", headers: { a: "b" } }, ["headers"])).toEqual({ sipTrunkId: "ST_1", headers: { a: "b" }, [UNMANAGED_SECRETS]: ["headers"] });
    expect(withUnmanagedSecrets({ sipTrunkId: "ST_1", [UNMANAGED_SECRETS]: ["headers"] }, [])).toEqual({ sipTrunkId: "ST_1" });
  });

  test("the advice names each field and the secret config key to set, never a value", () => {
    const advice = importedSecretsAdvice(INBOUND_TRUNK, "ST_1", "office", ["authUsername", "authPassword", "headers"]);
    expect(advice).toContain("pulumi config set --secret officeHeaders <headers of ST_1, as JSON>");
    expect(advice).toContain("pulumi config set --secret officeAuthPassword <authPassword of ST_1>");
    expect(advice).toMatch(/^imported trunk ST_1: authPassword, headers are secrets, left out of the printed code with authUsername \(digest authentication needs both\); LiveKit keeps them as they are\./);
    expect(advice).toContain("then declare authUsername (as lk lists it) and each secret from its key");
    expect(importedSecretsAdvice(INBOUND_TRUNK, "ST_2", "line", ["headers"])).toMatch(/^imported trunk ST_2: headers is a secret, left out of the printed code; LiveKit keeps it as it is\. To manage it from the program: pulumi config set --secret lineHeaders/);
  });
});
