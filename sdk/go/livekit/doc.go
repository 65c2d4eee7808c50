// LiveKit SIP inbound trunks, dispatch rules and outbound trunks, with field-level updates and drift detection.
package livekit
