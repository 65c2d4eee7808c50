import { SIPInboundTrunkInfo } from "@livekit/protocol";
import { FreshReads } from "../../provider/livekit/freshReads";

/** A server holding records by ID, recording each call: ["list", ids] or ["listAll"]. */
function fakeServer(ids: string[], options: { failListAllOnce?: boolean } = {}) {
  const held = new Set(ids);
  const calls: (string | string[])[][] = [];
  let failListAll = options.failListAllOnce ?? false;
  const record = (id: string) => new SIPInboundTrunkInfo({ sipTrunkId: id });
  const listByIds = async (requested: string[]) => {
    calls.push(["list", requested]);
    return new Map(requested.filter((id) => held.has(id)).map((id) => [id, record(id)]));
  };
  const listAll = async () => {
    calls.push(["listAll"]);
    if (failListAll) {
      failListAll = false;
      throw new Error("down");
    }
    return new Map([...held].map((id) => [id, record(id)]));
  };
  return { calls, held, reads: new FreshReads(listByIds, listAll) };
}

test("a lone read (no other announced or in flight) is one List filtered by its ID, sent at once", async () => {
  const server = fakeServer(["ST_a", "ST_other"]);
  server.reads.diffed("ST_a", true);
  expect((await server.reads.read("ST_a"))?.sipTrunkId).toBe("ST_a");
  expect(server.calls).toEqual([["list", ["ST_a"]]]);
});

test("a burst of announced reads costs one listing of the server, however the reads trickle in", async () => {
  const ids = Array.from({ length: 20 }, (_, i) => `ST_${i}`);
  const server = fakeServer(ids);
  // As the engine does at --parallel 2: two diffs, then reads start while later diffs announce more.
  server.reads.diffed(ids[0], true);
  server.reads.diffed(ids[1], true);
  const read: (string | undefined)[] = [];
  for (let i = 0; i < ids.length; i += 2) {
    const pair = await Promise.all([server.reads.read(ids[i]), server.reads.read(ids[i + 1])]);
    read.push(...pair.map((r) => r?.sipTrunkId));
    ids.slice(i + 2, i + 4).forEach((id) => server.reads.diffed(id, true));
  }
  expect(read).toEqual(ids);
  expect(server.calls).toEqual([["listAll"]]);
});

test("reads that overlap an unanswered read join a listing even without announcements", async () => {
  const server = fakeServer(["ST_a", "ST_b"]);
  const [a, b] = await Promise.all([server.reads.read("ST_a"), server.reads.read("ST_b")]);
  expect([a?.sipTrunkId, b?.sipTrunkId]).toEqual(["ST_a", "ST_b"]);
  expect(server.calls).toEqual([["list", ["ST_a"]], ["listAll"]]);
});

test("a read while another resource's diff is still to come lists the server: that diff may add to the burst", async () => {
  const server = fakeServer(["ST_a", "ST_b"]);
  server.reads.checked();
  server.reads.diffed("ST_a", true);
  server.reads.checked();
  await server.reads.read("ST_a");
  server.reads.diffed("ST_b", true);
  await server.reads.read("ST_b");
  expect(server.calls).toEqual([["listAll"]]);
});

test("diffs that found nothing to change do not make a later read part of a burst", async () => {
  const server = fakeServer(["ST_a", "ST_b"]);
  server.reads.checked();
  server.reads.diffed("ST_b", false);
  server.reads.checked();
  server.reads.diffed("ST_a", true);
  await server.reads.read("ST_a");
  expect(server.calls).toEqual([["list", ["ST_a"]]]);
});

test("each record is taken from the listing once: a second read of it asks the server again", async () => {
  const server = fakeServer(["ST_a", "ST_b"]);
  server.reads.diffed("ST_a", true);
  server.reads.diffed("ST_b", true);
  await server.reads.read("ST_a");
  await server.reads.read("ST_a");
  expect(server.calls).toEqual([["listAll"], ["list", ["ST_a"]]]);
});

test("a record missing from the listing is asked for by ID (it may be newer than the listing)", async () => {
  const server = fakeServer(["ST_a"]);
  server.reads.diffed("ST_a", true);
  server.reads.diffed("ST_late", true);
  await server.reads.read("ST_a");
  server.held.add("ST_late");
  expect((await server.reads.read("ST_late"))?.sipTrunkId).toBe("ST_late");
  expect(await server.reads.read("ST_gone")).toBeUndefined();
  expect(server.calls).toEqual([["listAll"], ["list", ["ST_late"]], ["list", ["ST_gone"]]]);
});

test("a failed listing fails the reads that waited on it, and the next burst read lists again", async () => {
  const server = fakeServer(["ST_a", "ST_b", "ST_c"], { failListAllOnce: true });
  ["ST_a", "ST_b", "ST_c"].forEach((id) => server.reads.diffed(id, true));
  await expect(server.reads.read("ST_a")).rejects.toThrow("down");
  expect((await server.reads.read("ST_b"))?.sipTrunkId).toBe("ST_b");
  expect((await server.reads.read("ST_c"))?.sipTrunkId).toBe("ST_c");
  expect(server.calls).toEqual([["listAll"], ["listAll"]]);
});
