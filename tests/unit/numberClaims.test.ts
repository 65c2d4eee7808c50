import { findClash, NumberClaim } from "../../dynamic/numberClaims";

describe("findClash", () => {
  const main: NumberClaim = { resource: "main", numbers: ["+15105550100", "+15105550101"], allowedNumbers: [] };

  test("a shared number with no caller filter clashes, naming the other trunk and the number", () => {
    const clash = findClash({ resource: "backup", numbers: ["+15105550101"], allowedNumbers: [] }, [main]);
    expect(clash?.other.resource).toBe("main");
    expect(clash?.number).toBe("+15105550101");
  });

  test("numbers are compared as LiveKit normalises them", () => {
    expect(findClash({ resource: "b", numbers: ["+1 (510) 555-0100"], allowedNumbers: [] }, [main])?.number).toBe("+15105550100");
  });

  test("caller filters with no caller in common tell the trunks apart", () => {
    const a: NumberClaim = { resource: "a", numbers: ["+15105550100"], allowedNumbers: ["+13105550001"] };
    expect(findClash({ resource: "b", numbers: ["+15105550100"], allowedNumbers: ["+13105550002"] }, [a])).toBeUndefined();
    expect(findClash({ resource: "b", numbers: ["+15105550100"], allowedNumbers: ["+13105550001"] }, [a])?.other.resource).toBe("a");
  });

  test("a filter on one side only tells them apart, as LiveKit's own check (protocol sip.go) decides", () => {
    expect(findClash({ resource: "b", numbers: ["+15105550100"], allowedNumbers: ["+13105550002"] }, [main])).toBeUndefined();
  });

  test("different numbers never clash", () => {
    expect(findClash({ resource: "b", numbers: ["+15105550199"], allowedNumbers: [] }, [main])).toBeUndefined();
  });
});
