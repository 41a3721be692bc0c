import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authenticateOwner, findSignedInOwner, type SignedInOwner } from "@/lib/auth/authenticate";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { signInSchema } from "@/lib/auth/schemas";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log";

// Owner sign-in: Auth.js v5 with email and password. Credentials require JWT sessions, which
// live in an encrypted cookie: nothing per session is stored server-side, and a session survives
// a restart as long as the secret does (see lib/auth/secret.ts).

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
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await authenticateOwner(await getDb(), {
            ...parsed.data,
            ip: clientIpFromHeaders(request.headers),
          });
          if (result.status === "rate_limited") throw new SignInRateLimited();
          if (result.status !== "ok") return null;
          return { id: result.owner.id, email: result.owner.email, name: result.owner.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub && session.user) session.user.id = token.sub;
        return session;
      },
    },
    logger: {
      error(error) {
        // A wrong password is an outcome, not a server error.
        if (error instanceof CredentialsSignin) return;
        const type = error instanceof AuthError ? error.type : error.name;
        const cause = error.cause as { err?: unknown } | undefined;
        log.error("auth error", { type, error: error.message, cause: String(cause?.err ?? "") });
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
 * this itself; the account is looked up again so a deleted owner's cookie stops working at once.
 */
export async function requireOwner(): Promise<SignedInOwner | null> {
  const session = await auth();
  const ownerId = session?.user?.id;
  if (!ownerId) return null;
  return findSignedInOwner(await getDb(), ownerId);
}
