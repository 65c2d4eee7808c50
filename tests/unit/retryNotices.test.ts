import { about, REPEAT_AFTER_MS, RetryNotices } from "../../provider/engine/retryNotices";

describe("RetryNotices", () => {
  let now = Date.parse("2026-12-01T10:00:00Z");
  const lines: { message: string; ephemeral: boolean }[] = [];
  const notices = new RetryNotices((message, options) => lines.push({ message, ephemeral: options?.ephemeral ?? false }), () => now);
  const until = Date.parse("2026-12-01T10:01:00Z");

  test("each call that retries is said once, naming its resource and until when; the recovery once, when all have ended", async () => {
    const trunks = ['trunk "a"', 'trunk "b"'];
    for (let attempt = 0; attempt < 5; attempt++) {
      for (const subject of trunks) await about(subject, async () => notices.retrying("CreateSIPInboundTrunk", "transport", until));
      now += 1000;
    }
    expect(lines).toEqual([
      { message: 'trunk "a": CreateSIPInboundTrunk failed (transport); retrying until 10:01:00 UTC', ephemeral: true },
      { message: 'trunk "b": CreateSIPInboundTrunk failed (transport); retrying until 10:01:00 UTC', ephemeral: true },
    ]);
    await about(trunks[0], async () => notices.settled("CreateSIPInboundTrunk", true));
    expect(lines).toHaveLength(2); // b still retries
    now += 2000;
    await about(trunks[1], async () => notices.settled("CreateSIPInboundTrunk", true));
    expect(lines.slice(2)).toEqual([{ message: "LiveKit answered again: 2 request(s) for 2 resource(s) succeeded on retry, the longest after 7.0 s", ephemeral: false }]);
  });

  test("a later recovery in the same run is ephemeral and counts every recovery so far, so the run's summary holds one", async () => {
    lines.length = 0;
    await about('trunk "c"', async () => {
      notices.retrying("UpdateSIPInboundTrunk", "unavailable", until);
      notices.settled("UpdateSIPInboundTrunk", true);
    });
    expect(lines.slice(1)).toEqual([{ message: "LiveKit answered again: 3 request(s) for 3 resource(s) succeeded on retry, the longest after 7.0 s", ephemeral: true }]);
  });

  test("a call still failing is said again after a while, with how long; one that gave up adds no recovery line", async () => {
    lines.length = 0;
    await about("dispatch rule SDR_1", async () => {
      notices.retrying("UpdateSIPDispatchRule", "unavailable", until);
      now += REPEAT_AFTER_MS - 1;
      notices.retrying("UpdateSIPDispatchRule", "unavailable", until);
      now += 1;
      notices.retrying("UpdateSIPDispatchRule", "unavailable", until);
      notices.settled("UpdateSIPDispatchRule", false);
    });
    expect(lines.map((l) => l.message)).toEqual([
      "dispatch rule SDR_1: UpdateSIPDispatchRule failed (unavailable); retrying until 10:01:00 UTC",
      "dispatch rule SDR_1: UpdateSIPDispatchRule still failing (unavailable) after 15 s; retrying until 10:01:00 UTC",
    ]);
  });
});
