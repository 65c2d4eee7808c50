// Command sipprobe asks a running livekit-server what it does with inbound calls, the way
// LiveKit's SIP service asks it for each INVITE: over the server's Redis message bus (psrpc
// service IOInfo), first GetSIPTrunkAuthentication (which trunk, and whether it challenges for
// credentials), then EvaluateSIPDispatchRules with the trunk that answer named (which rule, room,
// identity and attributes; or a PIN request, or a drop).
//
// It reads one call per line on stdin as JSON:
//
//	{"from":"+13105550100","fromHost":"carrier.example","to":"+15105550100","sourceIp":"203.0.113.7","pin":"1234","noPin":false}
//
// and writes LiveKit's answer for each on stdout, one JSON line, in the same order. The digest
// password the trunk would challenge with is never printed: only whether there is a challenge.
// Test tooling only: it is not part of the published package.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/livekit/protocol/livekit"
	"github.com/livekit/protocol/rpc"
	"github.com/livekit/psrpc"
)

// call is one INVITE's routing facts, as the SIP service fills them.
type call struct {
	From     string `json:"from"`
	FromHost string `json:"fromHost"`
	To       string `json:"to"`
	ToHost   string `json:"toHost"`
	SourceIP string `json:"sourceIp"`
	Pin      string `json:"pin"`
	NoPin    bool   `json:"noPin"`
}

// answer is what LiveKit decided. Refused: the trunk question failed (the SIP service answers
// 503). Otherwise Result is LiveKit's dispatch result (ACCEPT, REQUEST_PIN, DROP) or
// DispatchError when the rule question failed (also a 503).
type answer struct {
	Refused       string            `json:"refused,omitempty"`
	TrunkID       string            `json:"trunkId,omitempty"`
	Challenge     bool              `json:"challenge,omitempty"`
	Result        string            `json:"result,omitempty"`
	DispatchError string            `json:"dispatchError,omitempty"`
	RuleID        string            `json:"ruleId,omitempty"`
	Room          string            `json:"room,omitempty"`
	Identity      string            `json:"identity,omitempty"`
	Name          string            `json:"name,omitempty"`
	Attributes    map[string]string `json:"attributes,omitempty"`
}

func ask(ctx context.Context, client rpc.IOInfoClient, c call, n int) answer {
	sipCall := &rpc.SIPCall{
		LkCallId: fmt.Sprintf("SCL_probe%d", n),
		SourceIp: c.SourceIP,
		From:     &livekit.SIPUri{User: c.From, Host: c.FromHost},
		To:       &livekit.SIPUri{User: c.To, Host: c.ToHost},
	}
	sipCall.Address = sipCall.To
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	// The deprecated flat fields are filled too, as the SIP service does: the rule matcher reads them.
	auth, err := client.GetSIPTrunkAuthentication(ctx, &rpc.GetSIPTrunkAuthenticationRequest{
		Call: sipCall, SipCallId: sipCall.LkCallId,
		From: c.From, FromHost: c.FromHost, To: c.To, ToHost: c.ToHost, SrcAddress: c.SourceIP,
	})
	if err != nil {
		return answer{Refused: err.Error()}
	}
	out := answer{TrunkID: auth.SipTrunkId, Challenge: auth.Username != "" && auth.Password != ""}
	if auth.Drop {
		out.Refused = "dropped by the trunk configuration"
		return out
	}
	resp, err := client.EvaluateSIPDispatchRules(ctx, &rpc.EvaluateSIPDispatchRulesRequest{
		SipTrunkId: auth.SipTrunkId, Call: sipCall, Pin: c.Pin, NoPin: c.NoPin,
		SipCallId: sipCall.LkCallId, CallingNumber: c.From, CallingHost: c.FromHost,
		CalledNumber: c.To, CalledHost: c.ToHost, SrcAddress: c.SourceIP,
	})
	if err != nil {
		out.DispatchError = err.Error()
		return out
	}
	out.Result = resp.Result.String()
	out.RuleID = resp.SipDispatchRuleId
	out.Room = resp.RoomName
	out.Identity = resp.ParticipantIdentity
	out.Name = resp.ParticipantName
	out.Attributes = resp.ParticipantAttributes
	return out
}

func main() {
	redisAddr := flag.String("redis", "127.0.0.1:6379", "the Redis address livekit-server uses")
	flag.Parse()
	rc := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{*redisAddr}})
	client, err := rpc.NewIOInfoClient(psrpc.NewRedisMessageBus(rc))
	if err != nil {
		fmt.Fprintf(os.Stderr, "sipprobe: %v\n", err)
		os.Exit(1)
	}
	ctx := context.Background()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	encoder := json.NewEncoder(out)
	for n := 0; in.Scan(); n++ {
		var c call
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintf(os.Stderr, "sipprobe: line %d: %v\n", n+1, err)
			os.Exit(1)
		}
		if err := encoder.Encode(ask(ctx, client, c, n)); err != nil {
			os.Exit(1)
		}
		// Each answer leaves at once: the caller may wait for it before sending the next call.
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
}
