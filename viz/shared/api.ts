/** The API's one error shape, as the browser receives it. */
export interface ApiProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiProblem[],
  ) {
    super(message);
  }
}

/**
 * What staff pages pass as `token`: no bearer token, so the browser's httpOnly
 * session cookie signs the request in (an invitation link passes its own token).
 */
export const COOKIE_SESSION = "";

/** The Authorization header of a bearer token; none for the cookie session. */
export function authHeaders(token: string): Record<string, string> {
  return token === COOKIE_SESSION ? {} : { authorization: `Bearer ${token}` };
}

/** Fetch JSON from the API with a bearer token or the session cookie; failures become ApiError (status 0 when offline). */
export async function apiFetch<T>(token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: {
        ...authHeaders(token),
        ...(init.body !== undefined && { "content-type": "application/json" }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError(0, "offline", "the server cannot be reached", []);
  }
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const e = (body as { error?: { code: string; message: string; details: ApiProblem[] } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? "error", e?.message ?? res.statusText, e?.details ?? []);
  }
  return body as T;
}
