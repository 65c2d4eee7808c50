import { AsyncLocalStorage } from "node:async_hooks";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { secretFields } from "../core/fields";
import { importedSecretsAdvice, isImportRead, unmanagedSecrets } from "../core/results";
import { UNKNOWN, containsUnknown } from "../core/validate";
import { providerFor, SipProvider } from "../engine/providerFor";
import { SIP_RESOURCES, SipResource } from "../livekit/resources";
import { engineClient, EngineClient, logReporter } from "../engine/report";
import { emptyProto, grpc, grpcTypes, pluginProto, providerGrpcTypes, providerProto, providerTypes, structProto, structTypes } from "../engine/protocol";
import { PropertyMap, unwrapSecrets, wrapSecrets } from "./properties";
import { nativeTypeToken, packageSchema } from "./schema";
import { diffSettings, settingsProblem, settingsSource } from "./settings";
import type { ConfigSource } from "../livekit/credentials";

/*
 * The native host: Pulumi's `ResourceProvider` gRPC service over the same per-resource provider
 * the dynamic host runs (`engine/providerFor.ts`). It only translates: property structs to plain
 * values and back (secrets unwrapped and re-marked), the provider's diff to a detailed diff with
 * the ID stable, previews answered without a request, and every provider line sent to the
 * engine's log under the URN of the resource it is about.
 */

/** What the host needs from its surroundings. */
export interface NativeHostOptions {
  /** The package version, reported to the engine and stamped on the schema. */
  version: string;
  /** The engine's address, when known at start (older engines give it only as an argument). */
  engineAddress?: string;
}

/** A resource type's provider, made once per plugin process (one process serves one provider). */
interface HostedResource {
  resource: SipResource;
  provider: SipProvider;
}

/** The resource's name: a URN's last part (`urn:pulumi:stack::project::type::name`). */
function nameOfUrn(urn: string): string {
  return urn.split("::").pop() ?? "";
}

/** The type token of a URN: `urn:pulumi:stack::project::[parent$]type::name`. */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop() ?? "";
}

type Unary<Req, Res> = grpcTypes.handleUnaryCall<Req, Res>;

/**
 * `work`, failed once the engine's timeout for the step (a resource's `customTimeouts`, in
 * seconds; 0 when none) has passed. The request in flight is not recalled: as after an
 * interrupted `up`, a create that lands late is found by `pulumi refresh` or recovered.
 */
export function withinTimeout<T>(seconds: number, what: string, work: Promise<T>): Promise<T> {
  if (!(seconds > 0)) return work;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds} s (the resource's customTimeouts)`)), seconds * 1000);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** The service implementation for `grpc.Server.addService`. */
export function nativeProviderService(options: NativeHostOptions): providerGrpcTypes.IResourceProviderServer {
  /** The URN of the resource the current call is about, for the engine's log. */
  const currentUrn = new AsyncLocalStorage<string>();
  let engine: EngineClient | undefined;
  const connectEngine = (address: string | undefined) => {
    if (address && !engine) engine = engineClient(address);
  };
  connectEngine(options.engineAddress);

  /** A provider line, under its resource in the engine's output (never a value, only names and IDs). */
  // Without an engine (never in a run) to stderr: a plugin's stdout carries its port.
  const report = logReporter(() => engine, () => currentUrn.getStore() ?? "", (line) => process.stderr.write(`${line}\n`));

  const hosted = new Map<string, HostedResource>(SIP_RESOURCES.map((resource) => [nativeTypeToken(resource), { resource, provider: providerFor(resource, report) }]));

  function hostedFor(urn: string): HostedResource {
    const type = typeOfUrn(urn);
    const found = hosted.get(type);
    if (!found) throw new Error(`unknown resource type ${type}: this provider serves ${[...hosted.keys()].join(", ")}`);
    return found;
  }

  /** Answers one call, within its resource's log context; errors reach the engine as their message. */
  function unary<Req, Res>(urnOf: (request: Req) => string, answer: (request: Req) => Promise<Res>): Unary<Req, Res> {
    return (call, callback) => {
      currentUrn.run(urnOf(call.request), () =>
        answer(call.request).then(
          (response) => callback(null, response),
          (error: unknown) => callback({ code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error), name: "Error", message: "" }),
        ),
      );
    };
  }
  const noUrn = () => "";
  const unimplemented: Unary<unknown, never> = (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: "not implemented by the livekit provider", name: "Error", message: "" });

  /** A struct the engine sent, as plain values and the names of the properties that were secret. */
  const received = (struct: structTypes.Struct | undefined) => unwrapSecrets((struct?.toJavaScript() ?? {}) as PropertyMap);
  const plain = (struct: structTypes.Struct | undefined): PropertyMap => received(struct).plain;
  const struct = (properties: PropertyMap) => structProto.Struct.fromJavaScript(JSON.parse(JSON.stringify(properties)) as Record<string, structTypes.JavaScriptValue>);

  /** Outputs for the engine: the table's secret fields, and whatever arrived secret, marked secret. */
  function outputs(resource: SipResource, properties: PropertyMap, arrivedSecret: Iterable<string>): structTypes.Struct {
    return struct(wrapSecrets(properties, new Set([...secretFields(resource.table), ...arrivedSecret])));
  }

  /** What a preview shows for a create or an update: the declared fields, and the ID known or not. */
  function previewed(resource: SipResource, inputs: PropertyMap, id: string | undefined): PropertyMap {
    const { [resource.adoptInput]: _adopt, ...declared } = inputs;
    return { ...declared, [resource.idOutput]: id ?? UNKNOWN };
  }

  return {
    handshake: unary(noUrn, async (request: providerTypes.ProviderHandshakeRequest) => {
      connectEngine(request.getEngineAddress());
      const response = new providerProto.ProviderHandshakeResponse();
      response.setAcceptSecrets(true);
      response.setAcceptResources(false);
      response.setAcceptOutputs(false);
      return response;
    }),

    getPluginInfo: unary(noUrn, async () => {
      const info = new pluginProto.PluginInfo();
      info.setVersion(options.version);
      return info;
    }),

    getSchema: unary(noUrn, async () => {
      const response = new providerProto.GetSchemaResponse();
      response.setSchema(JSON.stringify(packageSchema(options.version)));
      return response;
    }),

    checkConfig: unary(
      (request: providerTypes.CheckRequest) => request.getUrn(),
      async (request) => {
        const news = plain(request.getNews());
        const response = new providerProto.CheckResponse();
        response.setInputs(request.getNews());
        // Settings not known yet (a preview of outputs) are checked when they are.
        const problem = containsUnknown(news) ? undefined : settingsProblem(news, process.env);
        if (problem) {
          const failure = new providerProto.CheckFailure();
          failure.setProperty("");
          failure.setReason(problem);
          response.setFailuresList([failure]);
        }
        return response;
      },
    ),

    diffConfig: unary(
      (request: providerTypes.DiffRequest) => request.getUrn(),
      async (request) => {
        const { changed, replaces } = diffSettings(plain(request.getOldInputs() ?? request.getOlds()), plain(request.getNews()));
        return diffResponse(changed, replaces, []);
      },
    ),

    configure: unary(noUrn, async (request: providerTypes.ConfigureRequest) => {
      const variables = new Map(request.getVariablesMap().getEntryList());
      const args = plain(request.getArgs());
      // Explicit providers give their inputs as args; the default provider, the stack config.
      // Messages about a rejected key name the provider resource and the settings actually read.
      const explicit = ["url", "apiKey", "apiSecret"].some((key) => typeof args[key] === "string" && args[key] !== "");
      const name = request.getName() || request.getUrn()?.split("::").pop() || "";
      const fromArgs = settingsSource(args, `provider "${name}"`);
      const config: ConfigSource = {
        get: (key: string) => fromArgs.get(key) ?? variables.get(key),
        origin: explicit ? fromArgs.origin : undefined,
      };
      for (const { provider } of hosted.values()) await provider.configure({ config } as unknown as dynamic.ConfigureRequest);
      const response = new providerProto.ConfigureResponse();
      response.setAcceptsecrets(true);
      response.setSupportspreview(true);
      response.setAcceptresources(false);
      response.setAcceptoutputs(false);
      return response;
    }),

    check: unary(
      (request: providerTypes.CheckRequest) => request.getUrn(),
      async (request) => {
        const { resource, provider } = hostedFor(request.getUrn());
        const { plain: news, secretNames } = received(request.getNews());
        const checked = await provider.check(plain(request.getOlds()), news);
        const response = new providerProto.CheckResponse();
        response.setInputs(outputs(resource, (checked.inputs ?? news) as PropertyMap, secretNames));
        response.setFailuresList(
          (checked.failures ?? []).map(({ property, reason }) => {
            const failure = new providerProto.CheckFailure();
            failure.setProperty(property);
            failure.setReason(reason);
            return failure;
          }),
        );
        return response;
      },
    ),

    diff: unary(
      (request: providerTypes.DiffRequest) => request.getUrn(),
      async (request) => {
        const { resource, provider } = hostedFor(request.getUrn());
        const diff = await provider.diff(request.getId(), plain(request.getOlds()), plain(request.getNews()));
        return diffResponse(diff.changedFields, diff.replaces ?? [], [resource.idOutput]);
      },
    ),

    create: unary(
      (request: providerTypes.CreateRequest) => request.getUrn(),
      async (request) => {
        const { resource, provider } = hostedFor(request.getUrn());
        const { plain: inputs, secretNames } = received(request.getProperties());
        const response = new providerProto.CreateResponse();
        if (request.getPreview()) {
          response.setId("");
          response.setProperties(outputs(resource, previewed(resource, inputs, undefined), secretNames));
          return response;
        }
        const created = await withinTimeout(request.getTimeout(), `creating ${resource.article}`, provider.create(inputs));
        response.setId(created.id);
        response.setProperties(outputs(resource, created.outs as PropertyMap, secretNames));
        return response;
      },
    ),

    read: unary(
      (request: providerTypes.ReadRequest) => request.getUrn(),
      async (request) => {
        const { resource, provider } = hostedFor(request.getUrn());
        const { plain: recorded, secretNames } = received(request.getProperties());
        const read = await provider.read(request.getId(), recorded);
        // An import: say which secrets the printed code leaves out, and how to manage them.
        const leftOut = isImportRead(recorded) ? unmanagedSecrets(read.props ?? {}) : [];
        if (read.id && leftOut.length > 0) report(importedSecretsAdvice(resource, read.id, nameOfUrn(request.getUrn()), leftOut));
        const response = new providerProto.ReadResponse();
        // No ID: the record is gone, and the engine drops the resource from state.
        response.setId(read.id ?? "");
        if (read.id) {
          response.setProperties(outputs(resource, (read.props ?? {}) as PropertyMap, secretNames));
          response.setInputs(outputs(resource, (read.inputs ?? {}) as PropertyMap, secretNames));
        }
        return response;
      },
    ),

    update: unary(
      (request: providerTypes.UpdateRequest) => request.getUrn(),
      async (request) => {
        const { resource, provider } = hostedFor(request.getUrn());
        const olds = plain(request.getOlds());
        const { plain: news, secretNames } = received(request.getNews());
        const response = new providerProto.UpdateResponse();
        if (request.getPreview()) {
          const id = olds[resource.idOutput];
          response.setProperties(outputs(resource, previewed(resource, news, typeof id === "string" ? id : undefined), secretNames));
          return response;
        }
        const updated = await withinTimeout(request.getTimeout(), `updating ${resource.noun} ${request.getId()}`, provider.update(request.getId(), olds, news));
        response.setProperties(outputs(resource, (updated.outs ?? {}) as PropertyMap, secretNames));
        return response;
      },
    ),

    delete: unary(
      (request: providerTypes.DeleteRequest) => request.getUrn(),
      async (request) => {
        const { resource, provider } = hostedFor(request.getUrn());
        await withinTimeout(request.getTimeout(), `deleting ${resource.noun} ${request.getId()}`, provider.delete(request.getId(), plain(request.getProperties())));
        return new emptyProto.Empty();
      },
    ),

    cancel: unary(noUrn, async () => new emptyProto.Empty()),
    getMapping: unary(noUrn, async () => new providerProto.GetMappingResponse()),
    getMappings: unary(noUrn, async () => new providerProto.GetMappingsResponse()),
    parameterize: unimplemented,
    invoke: unimplemented,
    call: unimplemented,
    construct: unimplemented,
    attach: unimplemented,
    list: (call: grpcTypes.ServerWritableStream<providerTypes.ListRequest, providerTypes.ListResponse>) => call.destroy(Object.assign(new Error("not implemented by the livekit provider"), { code: grpc.status.UNIMPLEMENTED })),
  };
}

/** A diff for the engine: which properties change, which of them replace, and which outputs stay. */
function diffResponse(changed: string[], replaces: string[], stables: string[]): providerTypes.DiffResponse {
  const response = new providerProto.DiffResponse();
  response.setChanges(changed.length > 0 ? providerProto.DiffResponse.DiffChanges.DIFF_SOME : providerProto.DiffResponse.DiffChanges.DIFF_NONE);
  response.setDiffsList(changed);
  response.setReplacesList(replaces);
  response.setStablesList(stables);
  // LiveKit refuses a second trunk on the same numbers: a replacement deletes the old one first.
  response.setDeletebeforereplace(true);
  response.setHasdetaileddiff(true);
  const detailed = response.getDetaileddiffMap();
  for (const field of changed) {
    const diff = new providerProto.PropertyDiff();
    diff.setKind(replaces.includes(field) ? providerProto.PropertyDiff.Kind.UPDATE_REPLACE : providerProto.PropertyDiff.Kind.UPDATE);
    diff.setInputdiff(true);
    detailed.set(field, diff);
  }
  return response;
}
