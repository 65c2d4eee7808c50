// A Go program of the native package: an inbound trunk (its name and Krisp setting from stack
// config `lineName` and `krisp`) and a dispatch rule bound to it.
package main

import (
	"github.com/livekit-sip-pulumi/livekit-sip-pulumi/sdk/go/livekit/sip"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		name := config.Get(ctx, "native-go:lineName")
		if name == "" {
			name = "Go line"
		}
		trunk, err := sip.NewInboundTrunk(ctx, "line", &sip.InboundTrunkArgs{
			Name:    pulumi.String(name),
			Numbers: pulumi.StringArray{pulumi.String("+15105550950")},
			// Krisp cannot change in place: the provider replaces the trunk under the same ID.
			KrispEnabled: pulumi.Bool(config.GetBool(ctx, "native-go:krisp")),
		})
		if err != nil {
			return err
		}
		rule, err := sip.NewDispatchRule(ctx, "rule", &sip.DispatchRuleArgs{
			Name:     pulumi.String("Go rule"),
			TrunkIds: pulumi.StringArray{trunk.SipTrunkId},
			Rule:     pulumi.Map{"dispatchRuleIndividual": pulumi.Map{"roomPrefix": pulumi.String("go-")}},
		})
		if err != nil {
			return err
		}
		ctx.Export("trunkId", trunk.SipTrunkId)
		ctx.Export("ruleId", rule.SipDispatchRuleId)
		return nil
	})
}
