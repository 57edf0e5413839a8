import * as oidc from "openid-client";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What the browser keeps (in a short-lived httpOnly cookie) between leaving for the provider and coming back. */
export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

/** Why the provider's answer signs no one in. */
export class OidcRefusal extends Error {
  constructor(readonly reason: "no-email" | "unverified-email" | "failed") {
    super(`single sign-on refused: ${reason}`);
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * OpenID Connect single sign-on: the authorization code flow with PKCE, state and
 * nonce (openid-client). It yields the e-mail address the provider vouches for; the
 * caller decides whether that address has an account.
 */
export class OidcSignIn {
  private config: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  /** The provider's metadata, fetched on first use (a provider that is down does not stop the service) and kept. */
  private configuration(): Promise<oidc.Configuration> {
    this.config ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      // Plain HTTP only for a provider on this machine (tests, development); real ones speak HTTPS.
      const insecure = issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
      return oidc.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : {});
    })().catch((err: unknown) => {
      this.config = undefined;
      throw err;
    });
    return this.config;
  }

  /** Where to send the browser, and what to keep until it comes back to `redirectUri`. */
  async start(redirectUri: string, next: string): Promise<{ url: string; pending: OidcPending }> {
    const config = await this.configuration();
    const pending: OidcPending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid email profile",
      response_type: "code",
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Check the provider's answer at `callbackUrl` against what was kept, and return the e-mail it vouches for (lower case). */
  async finish(callbackUrl: URL, pending: OidcPending): Promise<string> {
    const config = await this.configuration();
    let email: unknown;
    let verified: unknown;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      ({ email, email_verified: verified } = claims);
      // Providers may keep the e-mail out of the ID token and give it at the userinfo endpoint.
      if (typeof email !== "string") ({ email, email_verified: verified } = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub));
    } catch (err) {
      throw Object.assign(new OidcRefusal("failed"), { cause: err });
    }
    if (typeof email !== "string" || email === "") throw new OidcRefusal("no-email");
    // A provider that says it has not verified the address does not get to pick an account by it.
    if (verified === false) throw new OidcRefusal("unverified-email");
    return email.toLowerCase();
  }
}
