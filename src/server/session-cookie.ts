import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie's name. */
export const SESSION_COOKIE = 'longhaul_session';

/**
 * Sets the session cookie: httpOnly (no script reads it), SameSite=Lax (no
 * other site's form or fetch sends it), Path=/, Secure when the server is
 * reached over HTTPS, and kept until the session's absolute expiry. The
 * lifetime is sent as Max-Age, counted from now, so a browser whose clock
 * disagrees with the server's keeps it as long.
 */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  lifetime: { expiresAt: string; now: Date },
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.max(0, Math.floor((Date.parse(lifetime.expiresAt) - lifetime.now.getTime()) / 1000)),
  });
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** The session cookie's value, when the request has one. */
export function readSessionToken(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}
