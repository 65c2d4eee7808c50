import type { JsonValue, Message } from "@bufbuild/protobuf";
import { Pagination, SIPInboundTrunkInfo } from "@livekit/protocol";
import { sipAdminToken } from "./accessToken";
import { Credentials, CredentialsReadFrom } from "./credentials";
import { ProviderError } from "../core/errors";
import { HttpAnswer, HttpTransportError, postJson } from "./httpPost";
import { isTransient, RetryPolicy, retryPolicyFromEnv, withRetry } from "./retry";
import { INBOUND_TRUNK_RPCS, SipRpcs, UpdateAction } from "./rpcs";

/**
 * The LiveKit SIP API over Twirp (`POST {url}/twirp/livekit.SIP/<Method>`, protobuf JSON), one
 * function per RPC this provider uses. Knows nothing of Pulumi or of plans.
 */

/** A Twirp error from the server, or a transport failure, said for people. */
export class SipApiError extends ProviderError {
  constructor(
    /** The RPC, e.g. `UpdateSIPInboundTrunk`. */
    readonly method: string,
    /** Twirp code (`not_found`, `invalid_argument`, `bad_route`, ...) or `transport`. */
    readonly code: string,
    message: string,
    /** HTTP status, when the server (or a proxy) answered. */
    readonly status?: number,
    /**
     * False when the request provably never reached the server (connection refused, name not
     * resolved): the call had no effect, so even a create may simply be sent again.
     */
    readonly mayHaveReachedServer = true,
  ) {
    super(message);
  }
}

/** Socket errors raised before a byte of the request was sent. */
const NOT_SENT_CAUSES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Options for {@link SipApi}. */
export interface SipApiOptions {
  /** Abort one HTTP request after this long. */
  requestTimeoutMs?: number;
  /** Called before each retry; `until` is when the last attempt may start (ms since the epoch). */
  onRetry?: (method: string, attempt: number, error: SipApiError, until: number) => void;
  /** Called when a call that was retried ends, in success or not. */
  onSettled?: (method: string, succeeded: boolean) => void;
  /** Overrides the retry policy read from the environment. */
  retry?: RetryPolicy;
}

/** Per-request timeout: LIVEKIT_SIP_REQUEST_TIMEOUT_MS, else 15 s. */
export function requestTimeoutFromEnv(env: Record<string, string | undefined>): number {
  const value = Number(env.LIVEKIT_SIP_REQUEST_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 15_000;
}

/** Trunks per List call when listing a whole server. */
export const LIST_PAGE_SIZE = 500;

const TOKEN_TTL_SECONDS = 10 * 60;
/** Tokens are reused until this close to expiry. */
const TOKEN_REFRESH_MARGIN_MS = 60 * 1000;

/** Where requests to a server go: its address with ws(s) spelled http(s), no trailing slash. */
export function httpBase(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.replace(/^ws(s?):\/\//, "http$1://");
}

/** A client for the SIP RPCs of trunks and dispatch rules. */
export class SipApi {
  private token?: { jwt: string; expiresAt: number };
  private readonly base: string;

  constructor(
    private readonly credentials: Credentials,
    private readonly options: SipApiOptions = {},
  ) {
    this.base = httpBase(credentials.url);
  }

  private bearer(): string {
    if (this.token && this.token.expiresAt - TOKEN_REFRESH_MARGIN_MS > Date.now()) return this.token.jwt;
    const now = Date.now();
    this.token = { jwt: sipAdminToken(this.credentials.apiKey, this.credentials.apiSecret, TOKEN_TTL_SECONDS, now), expiresAt: now + TOKEN_TTL_SECONDS * 1000 };
    return this.token.jwt;
  }

  /**
   * Sends one RPC and returns the response's JSON. Transient failures are retried with capped,
   * jittered backoff within the policy's deadline, unless the call is not idempotent: a create
   * that may have reached the server is never blindly repeated (the caller recovers instead).
   */
  private async call(method: string, body: JsonValue, { idempotent = true } = {}): Promise<JsonValue> {
    return withRetry(this.options.retry ?? retryPolicyFromEnv(process.env), () => this.send(method, body), {
      afterFailure: (error) => (error instanceof SipApiError && idempotent && isTransient(error) ? { retry: true } : { error }),
      giveUp: (error, attempts, elapsedMs) => {
        const last = error as SipApiError;
        return new SipApiError(method, last.code, `${last.message} (gave up after ${attempts} attempt(s) in ${Math.round(elapsedMs / 1000)}s)`, last.status, last.mayHaveReachedServer);
      },
      onRetry: (attempt, _delay, error, until) => this.options.onRetry?.(method, attempt, error as SipApiError, until),
      onSettled: (succeeded) => this.options.onSettled?.(method, succeeded),
    });
  }

  /** One HTTP request, no retry. */
  private async send(method: string, body: JsonValue): Promise<JsonValue> {
    const url = `${this.base}/twirp/livekit.SIP/${method}`;
    const timeoutMs = this.options.requestTimeoutMs ?? requestTimeoutFromEnv(process.env);
    // Signed before the request: a failure here is about the key, not the network.
    const authorization = `Bearer ${this.bearer()}`;
    let answer: HttpAnswer;
    try {
      answer = await postJson(url, { authorization }, JSON.stringify(body), timeoutMs);
    } catch (error) {
      const transport = error instanceof HttpTransportError ? error : undefined;
      const notSent = transport?.code !== undefined && NOT_SENT_CAUSES.has(transport.code);
      const cause = error instanceof Error ? error.message : String(error);
      throw new SipApiError(method, "transport", `${method}: could not reach LiveKit at ${this.base} (${cause}); check livekit:url and that the server is running`, undefined, !notSent);
    }
    const { status, text } = answer;
    if (status >= 200 && status < 300) return text ? (JSON.parse(text) as JsonValue) : {};
    // livekit-server answers a bad token with a text/plain 401 that echoes the token back.
    let code = HTTP_STATUS_CODES[status] ?? `http_${status}`;
    let msg = text.slice(0, 500);
    try {
      const parsed = JSON.parse(text) as { code?: string; msg?: string };
      code = parsed.code ?? code;
      msg = parsed.msg ?? msg;
    } catch {
      // not Twirp JSON: keep the raw text
    }
    throw new SipApiError(method, code, explain(method, code, withoutTokens(msg), this.credentials.readFrom), status);
  }

  /** `CreateSIP…` with every field in one call. */
  async create<I extends Message<I>>(rpcs: SipRpcs<I, Message>, info: I): Promise<I> {
    return rpcs.info.fromJson(await this.call(rpcs.create, rpcs.createRequest(info), { idempotent: false }), { ignoreUnknownFields: true });
  }

  /**
   * `ListSIP…` filtered by IDs, without paging (the server answers every match at once; paging
   * with a filter can drop items). Missing IDs are simply absent from the result, which is keyed
   * by ID because servers differ in how they order it (trunks by ID; dispatch rules in request
   * order, with an empty item for a missing ID).
   */
  async listByIds<I extends Message<I>>(rpcs: SipRpcs<I, Message>, ids: readonly string[]): Promise<Map<string, I>> {
    const found = new Map<string, I>();
    if (ids.length === 0) return found;
    const json = await this.call(rpcs.list, rpcs.listRequest({ ids: [...ids] }));
    for (const item of rpcs.listResponse.fromJson(json, { ignoreUnknownFields: true }).items) {
      const id = rpcs.idOf(item);
      if (id) found.set(id, item);
    }
    return found;
  }

  /**
   * Every record on the server, `pageSize` per call (paging is safe here because no filter is
   * combined with it). The server returns items sorted by ID; the last one is the cursor.
   */
  async listAll<I extends Message<I>>(rpcs: SipRpcs<I, Message>, pageSize = LIST_PAGE_SIZE): Promise<I[]> {
    // Keyed by ID: a server that ignores paging answers the same items again for the next page.
    const all = new Map<string, I>();
    let afterId = "";
    for (;;) {
      const json = await this.call(rpcs.list, rpcs.listRequest({ page: new Pagination({ afterId, limit: pageSize }) }));
      const page = rpcs.listResponse.fromJson(json, { ignoreUnknownFields: true }).items;
      const known = all.size;
      for (const item of page) if (rpcs.idOf(item) && !all.has(rpcs.idOf(item))) all.set(rpcs.idOf(item), item);
      if (all.size === known) return [...all.values()]; // nothing new: a repeat of an earlier page
      // Fewer than asked: the last page. More than asked: the server ignores paging (livekit-server
      // v1.13.5 does) and has sent everything.
      if (page.length !== pageSize) return [...all.values()];
      const next = rpcs.idOf(page[page.length - 1]);
      // A cursor that does not move forward means paging is ignored: everything was sent already.
      if (!next || next <= afterId) return [...all.values()];
      afterId = next;
    }
  }

  /** Every inbound trunk on the server. */
  async listAllInboundTrunks(pageSize = LIST_PAGE_SIZE): Promise<SIPInboundTrunkInfo[]> {
    return this.listAll(INBOUND_TRUNK_RPCS, pageSize);
  }

  /** `UpdateSIP…{update}` (only the given fields change) or `{replace}` (the record becomes exactly the given one, keeping its ID). */
  async update<I extends Message<I>, U extends Message<U>>(rpcs: SipRpcs<I, U>, id: string, action: UpdateAction<I, U>): Promise<I> {
    return rpcs.info.fromJson(await this.call(rpcs.update, rpcs.updateRequest(id, action)), { ignoreUnknownFields: true });
  }

  /** `DeleteSIP…`; a record that is already gone counts as deleted. */
  async delete(rpcs: SipRpcs<Message, Message>, id: string): Promise<void> {
    try {
      await this.call(rpcs.delete, rpcs.deleteRequest(id));
    } catch (error) {
      if (error instanceof SipApiError && error.code === "not_found") return;
      throw error;
    }
  }
}

/** Twirp codes for the HTTP statuses servers answer without a Twirp body. */
const HTTP_STATUS_CODES: Record<number, string> = { 401: "unauthenticated", 403: "permission_denied" };

/** JSON Web Tokens (three base64url parts, the header starting `eyJ`), e.g. a rejected bearer token. */
const TOKEN_PATTERN = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** Server text with every token in it replaced: a token with the SIP admin grant must never reach a log. */
export function withoutTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, "(token removed)");
}

/** Turns a Twirp error into what the user should do about it, naming the settings the key came from. */
function explain(method: string, code: string, msg: string, readFrom?: CredentialsReadFrom): string {
  switch (code) {
    case "unauthenticated": {
      // The server's text adds nothing a user can act on, and may quote the token.
      const settings = readFrom ? `${readFrom.apiKey} / ${readFrom.apiSecret}` : "livekit:apiKey / livekit:apiSecret (or LIVEKIT_API_KEY / LIVEKIT_API_SECRET)";
      return readFrom?.owner
        ? `${method}: LiveKit rejected the credentials of ${readFrom.owner}: check its ${settings} and that the key has the SIP admin grant`
        : `${method}: LiveKit rejected the credentials: check ${settings} and that the key has the SIP admin grant`;
    }
    case "permission_denied":
      return `${method}: the API key lacks the SIP admin grant (${msg}); use a key allowed to manage SIP`;
    case "bad_route":
      return method.startsWith("UpdateSIP")
        ? `${method}: this LiveKit server is too old for in-place updates (it does not know ${method}); upgrade the server`
        : `${method}: the server does not know this API (${msg}); check that livekit:url points at a LiveKit server`;
    case "invalid_argument":
      if (/Conflicting inbound SIP Trunks/.test(msg)) {
        return `${method}: the trunk's numbers clash with another inbound trunk (${msg}); give each trunk its own numbers, or allowedNumbers that tell them apart`;
      }
      if (/combination already exists/.test(msg)) {
        return `${method}: another dispatch rule already covers the same trunk, numbers and PIN (${msg}); give the rules different trunkIds, numbers, inboundNumbers or PINs`;
      }
      return `${method}: LiveKit refused the request (${msg})`;
    default:
      return `${method} failed (${code}): ${msg}`;
  }
}
