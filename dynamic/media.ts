import * as pulumi from "@pulumi/pulumi";
import type { MediaEncryption, SipCodec } from "../provider/core/trunk";

/** Media settings of a trunk or dispatch rule (`SIPMediaConfig`). */
export interface SipMediaArgs {
  /**
   * Offer only `codecs` instead of adding them to LiveKit's defaults.
   * @default false
   * @example true
   */
  onlyListedCodecs?: pulumi.Input<boolean>;
  /**
   * Codecs in order of preference; `rate` in Hz, 0 or absent for the codec's default.
   * @default [] (LiveKit's defaults)
   * @example [{ name: "PCMU" }, { name: "G722" }]
   */
  codecs?: pulumi.Input<pulumi.Input<SipCodec>[]>;
  /**
   * SRTP: `SIP_MEDIA_ENCRYPT_DISABLE`, `SIP_MEDIA_ENCRYPT_ALLOW` or `SIP_MEDIA_ENCRYPT_REQUIRE`.
   * @default "SIP_MEDIA_ENCRYPT_DISABLE"
   * @example "SIP_MEDIA_ENCRYPT_REQUIRE"
   */
  encryption?: pulumi.Input<MediaEncryption>;
  /**
   * Drop a call after this long without media, at most 10 minutes: `"30s"` or a number of seconds.
   * @default unset (LiveKit's default)
   * @example "30s"
   */
  mediaTimeout?: pulumi.Input<string | number>;
}

/** The media settings as LiveKit holds them (`media` output). */
export interface SipMedia {
  onlyListedCodecs?: boolean;
  codecs?: SipCodec[];
  /** Present when the program set `media.encryption` (otherwise see `mediaEncryption`). */
  encryption?: MediaEncryption;
  mediaTimeout?: string;
}

