import { cache } from "react";
import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig, type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authenticateOwner, type SignedInOwner } from "@/lib/auth/authenticate";
import { signInSchema } from "@/lib/auth/schemas";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { endOwnerSession, findSessionOwner, SESSION_MAX_AGE_MS, startOwnerSession } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config/env";
import { clientIp } from "@/lib/http/client-ip";
import { errorFields, log } from "@/lib/log";

// Owner sign-in: Auth.js v5 with email and password. Credentials require JWT sessions, which
// live in an encrypted cookie; the JWT also names a row in owner_sessions (lib/auth/sessions.ts),
// and requireOwner() honours it only while that row exists, so signing out or changing the
// password ends a session on the server too, not only in the browser that asked.

declare module "next-auth" {
  interface Session {
    /** The owner_sessions row this session stands on. */
    sid?: string;
  }
}

/** Thrown from authorize() when the sign-in limit is hit; the form tells the owner to wait. */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

let config: NextAuthConfig | undefined;

// Built on first use, not at import: `next build` imports this file, and the secret must neither
// be demanded nor generated on disk at build time.
function authConfig(): NextAuthConfig {
  config ??= {
    secret: resolveAuthSecret(getConfig()),
    trustHost: true,
    // Idle sessions end after a week; every session ends SESSION_MAX_AGE_MS after its sign-in.
    session: { strategy: "jwt", maxAge: Math.min(7 * 24 * 60 * 60, SESSION_MAX_AGE_MS / 1000) },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await authenticateOwner(await getDb(), {
            ...parsed.data,
            ip: clientIp(request.headers, getConfig().proxies),
          });
          if (result.status === "rate_limited") throw new SignInRateLimited();
          if (result.status !== "ok") return null;
          return { id: result.owner.id, email: result.owner.email, name: result.owner.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // `user` is there only at sign-in: that is when the session's row is written.
        if (user?.id) {
          token.sub = user.id;
          token.sid = await startOwnerSession(await getDb(), user.id);
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub && session.user) session.user.id = token.sub;
        if (typeof token.sid === "string") session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid !== "string") return;
        // The cookie is cleared either way; a row left behind here would keep a copied cookie alive.
        await endOwnerSession(await getDb(), sid).catch((error) => log.error("ending a session failed", errorFields(error)));
      },
    },
    logger: {
      error(error) {
        // A wrong password is an outcome, not a server error.
        if (error instanceof CredentialsSignin) return;
        const type = error instanceof AuthError ? error.type : error.name;
        const cause = error.cause as { err?: unknown } | undefined;
        // Through errorFields, so a failed query's parameters (the email typed) stay out of the log.
        log.error("auth error", { type, ...errorFields(cause?.err ?? error) });
      },
      warn(code) {
        log.warn("auth warning", { code });
      },
    },
  };
  return config;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/**
 * The signed-in owner, or null. Every page, action and route handler that acts for an owner calls
 * this itself; the account and the session's row are looked up again (one statement), so a deleted
 * owner's cookie, a signed-out session's copied cookie and the other sessions of an owner who
 * changed the password all stop working at once.
 */
export const requireOwner = cache(async (): Promise<SignedInOwner | null> => {
  const session = await auth();
  return sessionOwner(session);
});

/** The owner and session id behind the current request's session, or null (for the account page). */
export const requireOwnerSession = cache(async (): Promise<{ owner: SignedInOwner; sessionId: string } | null> => {
  const session = await auth();
  const owner = await sessionOwner(session);
  return owner && session?.sid ? { owner, sessionId: session.sid } : null;
});

async function sessionOwner(session: Session | null): Promise<SignedInOwner | null> {
  const ownerId = session?.user?.id;
  const sessionId = session?.sid;
  if (!ownerId || !sessionId) return null;
  return findSessionOwner(await getDb(), ownerId, sessionId);
}
