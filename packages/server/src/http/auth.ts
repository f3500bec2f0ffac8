import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the dashboard's session cookie (HttpOnly, SameSite=Strict, holds the token). */
export const SESSION_COOKIE = 'axon_session';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares in constant time (digests first, so lengths do not leak either). */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

/** The token a request carries: `Authorization: Bearer <token>`, else the session cookie. */
export function requestToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m?.[1];
  }
  const cookie = req.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Whether the request is authorized with `token`. */
export function isAuthorized(req: IncomingMessage, token: string): boolean {
  const given = requestToken(req);
  return given !== undefined && tokenMatches(given, token);
}

/** `Set-Cookie` value of a dashboard session. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
