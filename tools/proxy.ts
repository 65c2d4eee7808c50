import * as http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small HTTP proxy in front of a LiveKit server on 127.0.0.1, for tests and benchmarks: it
 * counts requests by RPC and can inject faults (error statuses, delays, dropped connections,
 * responses lost after the server acted). Every fault is bounded by a count.
 */

/** One request that reached the proxy. */
export interface ProxiedRequest {
  /** The Twirp method, e.g. `ListSIPInboundTrunk`. */
  method: string;
  /** Status sent back to the client; 0 when the connection was dropped. */
  status: number;
  /** Whether the request was passed to the server. */
  forwarded: boolean;
}

/** A fault to inject into the next `times` matching requests. */
export interface Fault {
  /** Only requests for this RPC; any RPC when absent. */
  method?: string;
  times: number;
  /**
   * - `status`: answer with `status` (and a Twirp body) without forwarding;
   * - `delay`: wait `delayMs`, then forward;
   * - `drop`: close the connection without answering or forwarding;
   * - `lose-response`: forward, let the server act, then close the connection without answering.
   */
  kind: "status" | "delay" | "drop" | "lose-response";
  status?: number;
  twirpCode?: string;
  delayMs?: number;
}

function twirpMethod(url: string | undefined): string {
  return (url ?? "").split("/").pop() ?? "";
}

/**
 * How List calls with a `page` are answered: passed as they are (`server`), with the page
 * stripped so the whole list comes back (`ignore`, a server without paging), or with the proxy
 * doing the paging on the whole list (`honour`, sorted by ID, `limit` items after `afterId`).
 */
export type ListPaging = "server" | "ignore" | "honour";

interface Page {
  afterId?: string;
  limit?: number;
}

/** A record's ID in a List answer: livekit-server writes protobuf field names (`sip_trunk_id`, `sip_dispatch_rule_id`). */
type ListedRecord = { sip_trunk_id?: string; sipTrunkId?: string; sip_dispatch_rule_id?: string; sipDispatchRuleId?: string };
const listedId = (item: ListedRecord) => item.sip_trunk_id ?? item.sipTrunkId ?? item.sip_dispatch_rule_id ?? item.sipDispatchRuleId ?? "";

/** The List RPCs whose paging the proxy can take over. */
const PAGED_LISTS = new Set(["ListSIPInboundTrunk", "ListSIPOutboundTrunk", "ListSIPDispatchRule"]);

/** A List answer cut to one page, as a paging server sends it. */
function pageOf(body: Buffer, page: Page): Buffer {
  const parsed = JSON.parse(body.toString("utf8")) as { items?: ListedRecord[] };
  const after = page.afterId ?? "";
  const items = (parsed.items ?? []).filter((item) => listedId(item) > after).sort((a, b) => (listedId(a) < listedId(b) ? -1 : 1));
  return Buffer.from(JSON.stringify({ ...parsed, items: page.limit ? items.slice(0, page.limit) : items }));
}

/** The proxy; `url` is what to give the provider as `livekit:url`. */
export class LiveKitProxy {
  readonly requests: ProxiedRequest[] = [];
  /** See {@link ListPaging}. */
  listPaging: ListPaging = "server";
  /** The RPC of every request as it arrives, before any fault or answer (requests lists finished ones). */
  readonly arrivals: string[] = [];
  private faults: Fault[] = [];
  private server?: http.Server;
  url = "";

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Adds faults; each applies to its next `times` matching requests. */
  inject(...faults: Fault[]): void {
    this.faults.push(...faults.map((f) => ({ ...f })));
  }

  /** Forgets counted requests and pending faults. */
  reset(): void {
    this.listPaging = "server";
    this.requests.length = 0;
    this.arrivals.length = 0;
    this.faults = [];
  }

  /** Requests per RPC since the last reset. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests) counts[r.method] = (counts[r.method] ?? 0) + 1;
    return counts;
  }

  private takeFault(method: string): Fault | undefined {
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method));
    if (fault) fault.times--;
    return fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = twirpMethod(req.url);
    this.arrivals.push(method);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    let page: Page | undefined;
    if (PAGED_LISTS.has(method) && this.listPaging !== "server") {
      const request = JSON.parse(body.toString("utf8") || "{}") as { page?: Page };
      page = request.page;
      delete request.page;
      body = Buffer.from(JSON.stringify(request));
    }
    const fault = this.takeFault(method);
    const record = (status: number, forwarded: boolean) => this.requests.push({ method, status, forwarded });

    if (fault?.kind === "status") {
      const status = fault.status ?? 503;
      record(status, false);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: fault.twirpCode ?? "unavailable", msg: "injected by the test proxy" }));
      return;
    }
    if (fault?.kind === "drop") {
      record(0, false);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));

    const upstream = await this.forward(req, body).catch(() => undefined);
    if (!upstream) {
      record(502, true);
      res.writeHead(502).end();
      return;
    }
    if (fault?.kind === "lose-response") {
      record(0, true);
      req.socket.destroy();
      return;
    }
    record(upstream.status, true);
    res.writeHead(upstream.status, { "content-type": upstream.contentType });
    res.end(page && this.listPaging === "honour" && upstream.status === 200 ? pageOf(upstream.body, page) : upstream.body);
  }

  private forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; contentType: string; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const target = new URL(req.url ?? "/", this.target);
      const upstream = http.request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host, "content-length": String(body.length) } },
        (response) => {
          const parts: Buffer[] = [];
          response.on("data", (chunk: Buffer) => parts.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 502, contentType: String(response.headers["content-type"] ?? "application/json"), body: Buffer.concat(parts) }),
          );
          response.on("error", reject);
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  }
}
