/**
 * Where invitation links point. A link carries a respondent's token, so it must
 * never point at a host an attacker chose: the request's `Host` and
 * `X-Forwarded-Proto` headers are the caller's to set. Links come from
 * `PUBLIC_URL`, or else from the request's host only when that host is on the
 * allowlist (`ALLOWED_HOSTS`); without either, the loopback names of a local
 * `npm start` (localhost, 127.0.0.1, [::1], any port, plain HTTP) are allowed.
 */

export interface AllowedOrigin {
  scheme: "http" | "https";
  /** Host name in lower case, IPv6 in brackets. */
  host: string;
  /** A fixed port, or any port when undefined. */
  port?: string;
}

/** The loopback names of a local start, on any port. */
export const LOOPBACK_ORIGINS: AllowedOrigin[] = ["localhost", "127.0.0.1", "[::1]"].map((host) => ({ scheme: "http", host }));

const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/;

/** `PUBLIC_URL` checked: an http(s) URL without query or fragment; returned without a trailing slash. */
export function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an http(s) URL such as https://netwerkcirkel.example, not "${value}"`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash || url.username || url.password) {
    throw new Error(`PUBLIC_URL must be an http(s) URL such as https://netwerkcirkel.example, not "${value}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * `ALLOWED_HOSTS`: comma-separated hosts, each `host[:port]` (served over HTTPS)
 * or `http://host[:port]` / `https://host[:port]`. Without a port any port is allowed.
 */
export function parseAllowedHosts(value: string): AllowedOrigin[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const scheme = /^(https?):\/\//i.exec(entry);
      const match = HOST.exec(entry.slice(scheme ? scheme[0].length : 0).replace(/\/$/, "").toLowerCase());
      if (!match) throw new Error(`ALLOWED_HOSTS: "${entry}" is not a host[:port] or http(s)://host[:port]`);
      return {
        scheme: (scheme?.[1]?.toLowerCase() ?? "https") as AllowedOrigin["scheme"],
        host: match[1]!,
        ...(match[2] !== undefined && { port: match[2] }),
      };
    });
}

/** The origin of links for a request that came for `hostHeader`, or undefined when that host is not allowed. */
export function linkOrigin(hostHeader: string | undefined, allowed: readonly AllowedOrigin[]): string | undefined {
  const match = HOST.exec((hostHeader ?? "").toLowerCase());
  if (!match) return undefined;
  const [, host, port] = match;
  const entry = allowed.find((a) => a.host === host && (a.port === undefined || a.port === port));
  return entry && `${entry.scheme}://${host}${port === undefined ? "" : `:${port}`}`;
}
