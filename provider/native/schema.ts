import { FieldDescription, FieldTable, fieldNames, INCLUDE_HEADERS, MEDIA_ENCRYPTIONS, TRANSPORTS } from "../core/fields";
import { RESOURCE_FACTS, ResourceFacts } from "../core/resourceFacts";
import { nativeTypeToken, PACKAGE_NAME, SIP_MODULE } from "../core/resourceType";

/*
 * The Pulumi package schema of the native provider, derived from the field tables: every field
 * a property of the same name, its kind a schema type, its doc the description, secret fields
 * `secret`. Nothing here is written by hand per field, so a field added to a table reaches the
 * schema, the generated SDKs and every language at once (a unit test checks that).
 */

export { nativeTypeToken, PACKAGE_NAME, SIP_MODULE };

/** A property in Pulumi's schema language (the subset this package uses). */
export interface SchemaProperty {
  type?: "string" | "boolean" | "integer" | "number" | "array" | "object";
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  $ref?: string;
  description?: string;
  secret?: boolean;
}

/** An object or enum type of the schema. */
export interface SchemaType {
  type: "object" | "string";
  description: string;
  properties?: Record<string, SchemaProperty>;
  enum?: { value: string; name: string }[];
}

/** A resource (or the provider) of the schema. */
export interface SchemaResource {
  description: string;
  inputProperties: Record<string, SchemaProperty>;
  properties: Record<string, SchemaProperty>;
  required?: string[];
}

/** The package schema `pulumi package get-schema` prints and `gen-sdk` reads. */
export interface PackageSchema {
  name: string;
  displayName: string;
  version: string;
  description: string;
  keywords: string[];
  license: string;
  repository: string;
  pluginDownloadURL: string;
  config: { variables: Record<string, SchemaProperty> };
  provider: SchemaResource;
  types: Record<string, SchemaType>;
  resources: Record<string, SchemaResource>;
  language: Record<string, Record<string, unknown>>;
}

const typeRef = (name: string) => `#/types/${PACKAGE_NAME}:${SIP_MODULE}:${name}`;

/** Enum types by the values a field table's `enum` kind lists. */
const ENUMS: { name: string; values: readonly string[]; description: string }[] = [
  { name: "SipHeaderOptions", values: INCLUDE_HEADERS, description: "Which SIP headers LiveKit maps to participant attributes (`SIPHeaderOptions`)." },
  { name: "SipMediaEncryption", values: MEDIA_ENCRYPTIONS, description: "Whether a call's media is encrypted with SRTP (`SIPMediaEncryption`)." },
  { name: "SipTransport", values: TRANSPORTS, description: "The SIP transport of an outbound trunk (`SIPTransport`)." },
];

/** An enum value's name in generated SDKs: `SIP_X_HEADERS` → `XHeaders`, `SIP_TRANSPORT_TLS` → `Tls`. */
function enumValueName(enumName: string, value: string): string {
  const words = value.split("_").slice(1);
  // Drop the words the enum's own name already says (SIP_MEDIA_ENCRYPT_…, SIP_TRANSPORT_…).
  const own = enumName.replace(/^Sip/, "").toUpperCase();
  const rest = words.filter((word, i) => !(i < 2 && own.startsWith(word)));
  return (rest.length > 0 ? rest : words).map((word) => word.charAt(0) + word.slice(1).toLowerCase()).join("");
}

const PHONE_OR_ADDRESS: Record<string, string> = { phoneNumber: "phone numbers in E.164", address: "IP addresses or CIDR ranges", id: "IDs" };

/** The schema property of one table field. */
export function fieldProperty(field: FieldDescription): SchemaProperty {
  const secret = field.secret ? { secret: true } : {};
  const described = (property: SchemaProperty): SchemaProperty => ({ ...property, description: field.doc, ...secret });
  switch (field.kind) {
    case "string":
    case "host":
      return described({ type: "string" });
    case "duration":
      return described({ type: "string", description: `${field.doc} A duration such as "30s" or "1m30s".` });
    case "boolean":
      return described({ type: "boolean" });
    case "list":
      return described({ type: "array", items: { type: "string", description: PHONE_OR_ADDRESS[field.item] } });
    case "map":
      return described({ type: "object", additionalProperties: { type: "string" } });
    case "enum": {
      const enumType = ENUMS.find((candidate) => candidate.values === field.values);
      if (!enumType) throw new Error(`no schema enum lists the values ${field.values.join(", ")}`);
      return described({ $ref: typeRef(enumType.name) });
    }
    case "media":
      return described({ $ref: typeRef("SipMediaConfig") });
    case "message":
      // LiveKit's JSON of the message (checked by the message's own decoder at preview).
      return described({ $ref: "pulumi.json#/Any", description: `${field.doc} LiveKit's JSON of \`${field.message}\`.` });
  }
}

/** A table's fields as schema properties, in proto order. */
function tableProperties(table: FieldTable): Record<string, SchemaProperty> {
  return Object.fromEntries(fieldNames(table).map((name) => [name, fieldProperty(table[name])]));
}

/** One resource of the schema: the table's fields as inputs; outputs add LiveKit's ID. */
function resourceSchema(facts: ResourceFacts): SchemaResource {
  const inputs = tableProperties(facts.table);
  return {
    description:
      `${facts.article.replace(/^an? /, (article) => article.charAt(0).toUpperCase() + article.slice(1))} of LiveKit SIP, every field of LiveKit's record. ` +
      "Every field changes in place: the provider reads the live record and sends nothing, a field update, or a replace of the same ID. " +
      `Import an existing one with \`pulumi import ${nativeTypeToken(facts)} NAME ID\`.`,
    inputProperties: inputs,
    properties: { [facts.idOutput]: { type: "string", description: `LiveKit's ID of the ${facts.noun}.` }, ...inputs },
    required: [facts.idOutput],
  };
}

/** The provider's settings, the same keys as the `livekit:*` stack config. */
const CONFIG: Record<string, SchemaProperty> = {
  url: { type: "string", description: "The LiveKit server's address (http://, https://, ws:// or wss://). Falls back to LIVEKIT_URL." },
  apiKey: { type: "string", description: "The API key. Falls back to LIVEKIT_API_KEY." },
  apiSecret: { type: "string", secret: true, description: "The API secret; always kept secret. Falls back to LIVEKIT_API_SECRET." },
};

/** The repository the package is published from (GitHub owner/name). */
const REPOSITORY = "livekit-sip-pulumi/livekit-sip-pulumi";
const REPOSITORY_URL = `https://github.com/${REPOSITORY}`;

/** What the Python package's page says (PyPI shows the SDK's README). */
const PYTHON_README = `LiveKit SIP for Pulumi: inbound trunks, dispatch rules and outbound trunks of a LiveKit server
as Pulumi resources, with field-level updates and drift detection.

Install the SDK into the project's virtualenv (\`pip install livekit_sip_pulumi\`), and the
provider plugin pulumi-resource-livekit, which needs Node.js 20 or later on PATH (the engine
fetches it from the release unasked; offline, \`pulumi plugin install resource livekit <version>
--file pulumi-resource-livekit-v<version>-linux-amd64.tar.gz\`).

    import livekit_sip_pulumi as livekit

    line = livekit.sip.InboundTrunk("line", name="Support line", numbers=["+15105550120"])
    livekit.sip.DispatchRule("rule", trunk_ids=[line.sip_trunk_id],
        rule={"dispatchRuleIndividual": {"roomPrefix": "support-"}})

Settings: stack config livekit:url, livekit:apiKey and livekit:apiSecret (--secret), or
LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET. Documentation: ${REPOSITORY_URL}`;

/** The whole package schema at a version. */
export function packageSchema(version: string): PackageSchema {
  const types: Record<string, SchemaType> = {};
  for (const { name, values, description } of ENUMS) {
    types[`${PACKAGE_NAME}:${SIP_MODULE}:${name}`] = { type: "string", description, enum: values.map((value) => ({ value, name: enumValueName(name, value) })) };
  }
  types[`${PACKAGE_NAME}:${SIP_MODULE}:SipCodec`] = {
    type: "object",
    description: "A codec a trunk may use.",
    properties: {
      name: { type: "string", description: "Codec name as LiveKit knows it, e.g. PCMU, G722, opus." },
      rate: { type: "integer", description: "Clock rate in Hz; 0 or absent lets LiveKit pick the codec's default." },
    },
  };
  types[`${PACKAGE_NAME}:${SIP_MODULE}:SipMediaConfig`] = {
    type: "object",
    description: "Codecs, encryption and media timeout of calls (`SIPMediaConfig`).",
    properties: {
      onlyListedCodecs: { type: "boolean", description: "Use only the listed codecs instead of adding them to LiveKit's defaults." },
      codecs: { type: "array", items: { $ref: typeRef("SipCodec") }, description: "Codecs, in order of preference." },
      encryption: { $ref: typeRef("SipMediaEncryption"), description: "Media encryption; wins over the deprecated top-level mediaEncryption." },
      mediaTimeout: { type: "string", description: 'How long without media before a call is dropped, e.g. "30s"; at most 10 minutes.' },
    },
  };
  return {
    name: PACKAGE_NAME,
    displayName: "LiveKit SIP",
    version,
    description: "LiveKit SIP inbound trunks, dispatch rules and outbound trunks, with field-level updates and drift detection.",
    keywords: ["pulumi", "livekit", "sip", "telephony", "category/infrastructure", "kind/native"],
    license: "Apache-2.0",
    repository: REPOSITORY_URL,
    // Where releases publish the plugin archives (tools/pluginArchive.ts): the engine fetches
    // pulumi-resource-livekit-v<version>-<os>-<arch>.tar.gz from the release tagged v<version>.
    pluginDownloadURL: `github://api.github.com/${REPOSITORY}`,
    config: { variables: CONFIG },
    provider: {
      description: "A LiveKit server: its address and API key. Several explicit providers put resources on several servers in one program.",
      inputProperties: CONFIG,
      properties: { url: CONFIG.url, apiKey: CONFIG.apiKey },
    },
    types,
    resources: Object.fromEntries(RESOURCE_FACTS.map((facts) => [nativeTypeToken(facts), resourceSchema(facts)])),
    language: {
      // The name users import the Node SDK by (the package's ./native export): the code `pulumi
      // import` prints for TypeScript programs imports it from there.
      nodejs: { packageName: "livekit-sip-pulumi/native", packageDescription: "LiveKit SIP for Pulumi (native provider)", dependencies: { "@pulumi/pulumi": "^3.216.0" } },
      // The SDK's version is the schema's (the package's), not a placeholder for a release script.
      python: { packageName: "livekit_sip_pulumi", respectSchemaVersion: true, pyproject: { enabled: true }, readme: PYTHON_README },
      // The module's path is its folder in the repository, so `go get` resolves it from a tag;
      // the plugin version it asks for is the schema's, whichever way the module was fetched.
      go: { importBasePath: `github.com/${REPOSITORY}/sdk/go/${PACKAGE_NAME}`, generateResourceContainerTypes: false, respectSchemaVersion: true },
      csharp: { rootNamespace: "LiveKitSip", packageReferences: { Pulumi: "3.*" } },
    },
  };
}
