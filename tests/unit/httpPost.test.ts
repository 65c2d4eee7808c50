import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { HttpTransportError, postJson } from "../../provider/livekit/httpPost";

/** A local server: echoes the request (method, headers, body) with status 418, or never answers for /silent. */
const server = http.createServer((request, response) => {
  if (request.url === "/silent") return;
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () =>
    response.writeHead(418).end(JSON.stringify({ method: request.method, type: request.headers["content-type"], auth: request.headers.authorization, body: Buffer.concat(chunks).toString() })),
  );
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

test("posts the JSON body with its headers and answers the status and text, whatever the status", async () => {
  const body = JSON.stringify({ name: "ünïcode" });
  const answer = await postJson(`${base}/twirp`, { authorization: "Bearer t" }, body, 5000);
  expect(answer.status).toBe(418);
  expect(JSON.parse(answer.text)).toEqual({ method: "POST", type: "application/json", auth: "Bearer t", body });
});

test("a server that does not answer in time is a transport error saying so", async () => {
  const failure = postJson(`${base}/silent`, {}, "{}", 50);
  await expect(failure).rejects.toThrow(new HttpTransportError("no answer within 50 ms", "ETIMEDOUT"));
  await expect(failure).rejects.toMatchObject({ code: "ETIMEDOUT" });
});

test("a refused connection carries the socket's code (the request provably never left)", async () => {
  const closed = http.createServer();
  await new Promise<void>((listening) => closed.listen(0, "127.0.0.1", listening));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((done) => closed.close(done));
  await expect(postJson(`http://127.0.0.1:${port}/`, {}, "{}", 5000)).rejects.toMatchObject({ code: "ECONNREFUSED" });
});
