"""The whole call path of a support line, in Python: an inbound trunk, a dispatch rule bound to
it that gives each caller a room of their own, and an outbound trunk for calling back through a
carrier, all on the LiveKit server this stack's config names.

    pulumi config set livekitUrl https://my-project.livekit.cloud
    pulumi config set livekitApiKey APIxxxxxxxx
    pulumi config set --secret livekitApiSecret ...
    pulumi config set --secret carrierPassword ...
"""

import pulumi
import livekit_sip_pulumi as livekit

config = pulumi.Config()

# An explicit provider: the server this stack deploys to, from the project's own config. A
# program with several (one per region, say) puts each resource where its `opts` say.
server = livekit.Provider(
    "server",
    url=config.require("livekitUrl"),
    api_key=config.require("livekitApiKey"),
    api_secret=config.require_secret("livekitApiSecret"),
)
on_server = pulumi.ResourceOptions(provider=server)

line = livekit.sip.InboundTrunk(
    "line",
    name=config.get("lineName") or "Python support line",
    numbers=["+15105550800"],
    # Krisp noise cancellation cannot change in place: LiveKit replaces the trunk under the same ID.
    krisp_enabled=config.get_bool("krisp") or False,
    opts=on_server,
)

# Bound to the trunk by its ID output: the rule is created once the trunk exists, and keeps
# answering its calls when the trunk changes.
rule = livekit.sip.DispatchRule(
    "rule",
    name="Python support rule",
    trunk_ids=[line.sip_trunk_id],
    rule={"dispatchRuleIndividual": {"roomPrefix": "python-support-"}},
    opts=on_server,
)

carrier = livekit.sip.OutboundTrunk(
    "carrier",
    name="Python carrier",
    address="sip.carrier.example.com",
    numbers=["+15105550801"],
    auth_username="python-support",
    # A secret in config stays a secret in state, previews and logs.
    auth_password=config.require_secret("carrierPassword"),
    opts=on_server,
)

pulumi.export("trunkId", line.sip_trunk_id)
pulumi.export("ruleId", rule.sip_dispatch_rule_id)
pulumi.export("outboundTrunkId", carrier.sip_trunk_id)
