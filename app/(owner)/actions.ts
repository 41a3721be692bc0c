"use server";

import { signOut } from "@/auth";

/** Ends the owner's session, from any owner page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
