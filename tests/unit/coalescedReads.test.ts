import { SIPInboundTrunkInfo } from "@livekit/protocol";
import { CoalescedReads } from "../../provider/coalescedReads";

function fakeServer(ids: string[]) {
  const calls: string[][] = [];
  const list = async (requested: string[]) => {
    calls.push(requested);
    return new Map(requested.filter((id) => ids.includes(id)).map((id) => [id, new SIPInboundTrunkInfo({ sipTrunkId: id })]));
  };
  return { calls, list };
}

test("reads arriving together share one filtered List call, each gets its own trunk", async () => {
  const server = fakeServer(["ST_a", "ST_b"]);
  const reads = new CoalescedReads(server.list, 5);
  const [a, b, gone] = await Promise.all([reads.read("ST_a"), reads.read("ST_b"), reads.read("ST_gone")]);
  expect([a?.sipTrunkId, b?.sipTrunkId, gone]).toEqual(["ST_a", "ST_b", undefined]);
  expect(server.calls).toEqual([["ST_a", "ST_b", "ST_gone"]]);
});

test("a full batch is sent at once and the rest follow", async () => {
  const server = fakeServer([]);
  const reads = new CoalescedReads(server.list, 50, 2);
  await Promise.all(["1", "2", "3"].map((id) => reads.read(id)));
  expect(server.calls).toEqual([["1", "2"], ["3"]]);
});

test("reads after an answer get a fresh call: nothing is cached", async () => {
  const server = fakeServer(["ST_a"]);
  const reads = new CoalescedReads(server.list, 1);
  await reads.read("ST_a");
  await reads.read("ST_a");
  expect(server.calls).toHaveLength(2);
});

test("a failed call fails every read in its batch", async () => {
  const reads = new CoalescedReads(async () => {
    throw new Error("down");
  }, 1);
  await expect(Promise.all([reads.read("a"), reads.read("b")])).rejects.toThrow("down");
});
