import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { Notice } from "@/components/ui/notice";
import { card } from "@/components/ui/styles";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/sign-up";
import { firstParam, type SearchParams } from "@/lib/salons";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/account");
  const changed = firstParam(await searchParams, "changed") === "1";
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Your account</h1>
        <p className="mt-1 text-stone-700">
          Signed in as <bdi>{owner.name}</bdi> (<bdi>{owner.email}</bdi>).
        </p>
      </div>
      {changed && (
        <Notice tone="success" role="status" title="Your password has been changed">
          Every other browser signed in to your account has been signed out.
        </Notice>
      )}
      <section aria-labelledby="password-heading" className={card}>
        <h2 id="password-heading" className="mb-4 text-lg font-semibold">
          Change password
        </h2>
        <ChangePasswordForm action={changePasswordAction} minPasswordLength={MIN_PASSWORD_LENGTH} maxPasswordLength={MAX_PASSWORD_LENGTH} />
      </section>
    </>
  );
}
