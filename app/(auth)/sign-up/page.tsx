import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { card, textLink } from "@/components/ui/styles";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/sign-up";
import { signUpWithPassword } from "./actions";

export const metadata: Metadata = { title: "Create an owner account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await requireOwner()) redirect("/dashboard");
  return (
    <>
      <h1 id="sign-up-heading" className="text-2xl font-bold tracking-tight">
        Create an owner account
      </h1>
      <section className={card}>
        <SignUpForm action={signUpWithPassword} minPasswordLength={MIN_PASSWORD_LENGTH} maxPasswordLength={MAX_PASSWORD_LENGTH} />
      </section>
      <p>
        Already have an account?{" "}
        <Link href="/sign-in" className={textLink}>
          Sign in
        </Link>
      </p>
    </>
  );
}
