import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireOwner, requireOwnerSession } from "@/auth";
import { getDb, type Database } from "@/db/client";
import type { OwnerActor } from "@/lib/booking/actor";
import { fieldErrors } from "@/lib/booking/schemas";
import { ownedSalonIds } from "@/lib/dashboard/owner-scope";
import { logUnexpectedError } from "@/lib/http";

// The one door of every owner server action: the session → zod → the owner's scope (and the salon
// the input names, if it names one) → the work → revalidatePath → redirect, outside any try. An
// action states its schema and its answers to each refusal; it cannot skip a step, and the work
// gets the owner only as a scoped actor, so a booking command cannot be called without the scope.

type SignedInOwner = NonNullable<Awaited<ReturnType<typeof requireOwner>>>;

export interface OwnerContext<T> {
  owner: SignedInOwner;
  /** The session's id; only with `withSession` (the account's actions end other sessions). */
  sessionId?: string;
  /** The owner with their salons: what every booking command takes. */
  actor: OwnerActor;
  db: Database;
  input: T;
}

/** What finished work asks for: paths to revalidate, then where to go (redirect throws, so it is done last). */
export interface Finished {
  finished: { revalidate?: Revalidation[]; redirectTo: string };
}

/** A path to revalidate, or a route segment's layout (and everything under it). */
export type Revalidation = string | { layout: string };

export interface OwnerActionSpec<S extends z.ZodType, R> {
  /** For the log line of an unexpected failure. */
  action: string;
  schema: S;
  /** Nobody (or an ended session) is signed in: a state to show, or a redirect to sign-in. */
  signedOut: () => R;
  invalid: (fieldErrors: Record<string, string[]>) => R;
  /** The input names a salon that is not among the owner's (answered like one that does not exist). */
  notFound: () => R;
  /** Something unexpected failed; it is logged, never shown. */
  failed: () => R;
  /** The salon the input names, if any: checked against the owner's salons before the work runs. */
  salonOf?: (input: z.output<S>) => string | undefined;
  /** Read the session's id as well (requireOwnerSession). */
  withSession?: boolean;
}

/** Builds an owner action from its spec and its work; the result takes the raw (unparsed) input. */
export function ownerAction<S extends z.ZodType, R>(
  spec: OwnerActionSpec<S, R>,
  work: (context: OwnerContext<z.output<S>>) => Promise<R | Finished>,
): (raw: unknown) => Promise<R> {
  return async (raw) => {
    const signedIn = spec.withSession ? await requireOwnerSession() : await ownerOnly();
    if (!signedIn) return spec.signedOut();
    const { owner, sessionId } = signedIn;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) return spec.invalid(fieldErrors(parsed.error));
    const input = parsed.data as z.output<S>;

    let outcome: R | Finished;
    try {
      const db = await getDb();
      const salonIds = await ownedSalonIds(db, owner.id);
      const named = spec.salonOf?.(input);
      if (named !== undefined && !salonIds.includes(named)) return spec.notFound();
      outcome = await work({ owner, sessionId, actor: { by: "owner", ownerId: owner.id, salonIds }, db, input });
    } catch (error) {
      logUnexpectedError(error, { action: spec.action, ownerId: owner.id });
      return spec.failed();
    }
    if (!isFinished(outcome)) return outcome;
    for (const path of outcome.finished.revalidate ?? []) {
      if (typeof path === "string") revalidatePath(path);
      else revalidatePath(path.layout, "layout");
    }
    redirect(outcome.finished.redirectTo);
  };
}

async function ownerOnly(): Promise<{ owner: SignedInOwner; sessionId?: string } | null> {
  const owner = await requireOwner();
  return owner ? { owner } : null;
}

function isFinished<R>(outcome: R | Finished): outcome is Finished {
  return typeof outcome === "object" && outcome !== null && "finished" in outcome;
}

/** The work's way to say "done": revalidate these paths, then go there. */
export function finished(redirectTo: string, ...revalidate: Revalidation[]): Finished {
  return { finished: { redirectTo, revalidate } };
}
