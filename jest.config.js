/** Two projects: pure-logic unit tests, and end-to-end tests against the real CLI and server. */
// TS151002: ts-jest warns about Node16 modules without isolatedModules; type checks still run.
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { ignoreCodes: [151002] } }];
const moduleNameMapper = {
  "^livekit-sip-pulumi$": "<rootDir>/dynamic/index.ts",
  "^livekit-sip-pulumi/provider$": "<rootDir>/provider/dynamic/index.ts",
  "^livekit-sip-pulumi/provider/outbound-trunk$": "<rootDir>/provider/dynamic/outboundTrunkProvider.ts",
  "^livekit-sip-pulumi/provider/dispatch-rule$": "<rootDir>/provider/dynamic/dispatchRuleProvider.ts",
};
module.exports = {
  // End-to-end steps run the real CLI; a step is bounded by the runner, not by jest.
  testTimeout: 300000,
  projects: [
    {
      displayName: "unit",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      moduleNameMapper,
    },
    {
      displayName: "e2e",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      moduleNameMapper,
      globalSetup: "<rootDir>/tests/e2e/support/globalSetup.ts",
      globalTeardown: "<rootDir>/tests/e2e/support/globalTeardown.ts",
    },
  ],
};
