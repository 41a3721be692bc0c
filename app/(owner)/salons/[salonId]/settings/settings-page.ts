import { notFound, redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { getDb, type Database } from "@/db/client";

// The opening of every settings page: the route's params and query, the session (signed out: to
// sign-in and back here), then the page's settings read in the owner's scope (none: a 404, as for
// a salon that does not exist). Each page calls it itself; the layout's own check is not enough,
// as layouts render alongside their pages.

export type SearchParams = Record<string, string | string[] | undefined>;

export interface SettingsPageProps<P extends { salonId: string }> {
  params: Promise<P>;
  searchParams: Promise<SearchParams>;
}

export interface OpenedSettingsPage<P, T> {
  params: P;
  query: SearchParams;
  /** The ?saved= code an action redirected back with, for SavedNotice. */
  saved: string | undefined;
  /** This page's path, below /salons/{salonId}/settings. */
  here: string;
  settings: T;
}

/**
 * Opens a settings page for the signed-in owner. `path` is the page's path below the salon's
 * settings ("" for the details, "/hours", …); `load` reads its settings scoped to the owner, and
 * answers null or undefined for what the owner may not see.
 */
export async function openSettingsPage<P extends { salonId: string }, T>(
  props: SettingsPageProps<P>,
  path: (params: P) => string,
  load: (db: Database, ownerId: string, params: P) => Promise<T | null | undefined>,
): Promise<OpenedSettingsPage<P, NonNullable<T>>> {
  const [params, query] = await Promise.all([props.params, props.searchParams]);
  const here = `/salons/${params.salonId}/settings${path(params)}`;
  const owner = await requireOwner();
  if (!owner) redirect(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
  const settings = await load(await getDb(), owner.id, params);
  if (settings === null || settings === undefined) notFound();
  return { params, query, saved: typeof query.saved === "string" ? query.saved : undefined, here, settings };
}
