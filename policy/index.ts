import { PolicyPack, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import type { FindingLevel } from "../provider/core/routingFindings";
import { findingText } from "../provider/core/routingWords";
import { stackRouting } from "./stackRouting";

/*
 * The policy pack `livekit-sip-routing`: the routing checks of `livekit-sip-route --check`, at
 * `pulumi preview` and `pulumi up`, for programs in every language:
 *
 *   pulumi preview --policy-pack node_modules/livekit-sip-pulumi/dist/policy
 *
 * Calls refused or dropped unanswered are mandatory violations (the preview fails); the rest
 * (rule filters that never match, allow-lists a rule bypasses, shadowed rules) are advisory.
 */

function validateLevel(level: FindingLevel) {
  return (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const routing = stackRouting(args.resources);
    if ("notKnown" in routing) {
      if (level === "advisory") reportViolation(`Routing not checked at this preview: ${routing.notKnown.join(", ")} will be known only once applied; run the preview again after pulumi up.`);
      return;
    }
    for (const finding of routing.findings) {
      if (finding.level !== level) continue;
      const about = finding.trunks[0]?.id ?? finding.rules[0]?.id;
      reportViolation(findingText(finding, routing.labels), about ? routing.urnOf(about) : undefined);
    }
  };
}

new PolicyPack("livekit-sip-routing", {
  policies: [
    {
      name: "livekit-sip-calls-answered",
      description: "Every call a LiveKit inbound trunk answers reaches a dispatch rule, and no call is refused because trunks or rules match it alike.",
      enforcementLevel: "mandatory",
      validateStack: validateLevel("mandatory"),
    },
    {
      name: "livekit-sip-routing-advice",
      description: "Dispatch rule filters that never match, allow-lists a rule without trunkIds bypasses, rules another always outranks.",
      enforcementLevel: "advisory",
      validateStack: validateLevel("advisory"),
    },
  ],
});
