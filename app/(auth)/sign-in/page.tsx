import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { SignInForm } from "@/components/auth/sign-in-form";
import { card, textLink } from "@/components/ui/styles";
import { DEMO_OWNERS } from "@/db/seed";
import { callbackPathSchema } from "@/lib/auth/schemas";
import { getConfig } from "@/lib/config/env";
import { signInWithPassword } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Auth.js sends people here with ?error=… when a POST to /api/auth itself was refused.
const AUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password do not match.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = callbackPathSchema.parse(params.callbackUrl);
  if (await requireOwner()) redirect(callbackUrl);

  const code = typeof params.code === "string" ? params.code : undefined;
  const error = typeof params.error === "string" ? params.error : undefined;
  const initialMessage =
    code === "rate_limited"
      ? "Too many sign-in attempts. Please wait 15 minutes and try again."
      : error
        ? (AUTH_ERRORS[error] ?? "Signing in failed. Please try again.")
        : undefined;

  return (
    <>
      <h1 id="sign-in-heading" className="text-2xl font-bold tracking-tight">
        Sign in to your salons
      </h1>
      <section className={card}>
        <SignInForm action={signInWithPassword} callbackUrl={callbackUrl} initialMessage={initialMessage} />
      </section>
      <p>
        New here?{" "}
        <Link href="/sign-up" className={textLink}>
          Create an owner account
        </Link>
      </p>
      {!getConfig().production && (
        <section aria-labelledby="demo-heading" className="rounded-xl border border-dashed border-stone-300 p-4 text-sm">
          <h2 id="demo-heading" className="font-semibold">
            Demo accounts (development only)
          </h2>
          <ul className="mt-2 space-y-1">
            {DEMO_OWNERS.map((owner) => (
              <li key={owner.email}>
                <span className="font-mono">{owner.email}</span> / <span className="font-mono">{owner.password}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
