import { inProgramSpelling } from "../../provider/core/spelling";
import { sparseTrunk, completeTrunk } from "../../provider/core/trunk";
import { TRUNK_FIELDS } from "../../provider/core/fields";

describe("inProgramSpelling", () => {
  const live = sparseTrunk(completeTrunk({ name: "Main", numbers: ["+15105550100"], mediaEncryption: "SIP_MEDIA_ENCRYPT_ALLOW" }));

  test("encryption goes where the program put it: media.encryption", () => {
    const spelled = inProgramSpelling(TRUNK_FIELDS, live, { name: "Main", media: { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" } });
    expect(spelled.mediaEncryption).toBeUndefined();
    expect(spelled.media).toEqual({ encryption: "SIP_MEDIA_ENCRYPT_ALLOW" });
  });

  test("a program using the legacy mediaEncryption keeps it", () => {
    expect(inProgramSpelling(TRUNK_FIELDS, live, { mediaEncryption: "SIP_MEDIA_ENCRYPT_ALLOW" })).toEqual(live);
  });

  test("media.encryption set to the default stays spelled out, with the other media settings", () => {
    const plain = sparseTrunk(completeTrunk({ media: { mediaTimeout: "30s" } }));
    expect(inProgramSpelling(TRUNK_FIELDS, plain, { media: { encryption: "SIP_MEDIA_ENCRYPT_DISABLE", mediaTimeout: "30s" } }).media).toEqual({
      mediaTimeout: "30s",
      encryption: "SIP_MEDIA_ENCRYPT_DISABLE",
    });
  });

  test("defaults the program spelled out are kept; values that are not defaults are not copied", () => {
    const spelled = inProgramSpelling(TRUNK_FIELDS, live, { krispEnabled: false, allowedNumbers: [], metadata: "stale", ringingTimeout: "30s" });
    expect(spelled.krispEnabled).toBe(false);
    expect(spelled.allowedNumbers).toEqual([]);
    expect(spelled.metadata).toBeUndefined();
    expect(spelled.ringingTimeout).toBeUndefined();
  });

  test("the live value wins over a default the program spelled out", () => {
    const krisp = sparseTrunk(completeTrunk({ krispEnabled: true }));
    expect(inProgramSpelling(TRUNK_FIELDS, krisp, { krispEnabled: false }).krispEnabled).toBe(true);
  });
});
