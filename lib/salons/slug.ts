// A salon's web address made from its name, as the owner types the name: "Café Öl & Co." →
// "cafe-ol-co". Only a suggestion; the slug schema and the unique index still judge it.

const MAX_SLUG = 60;

/** Lower-case ASCII letters and digits joined by single hyphens, at most 60 characters. */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
}

/** The browser's zone when the list knows it, else the fallback. */
export function preferredTimeZone(browserZone: string | undefined, known: readonly string[], fallback: string): string {
  return browserZone && known.includes(browserZone) ? browserZone : fallback;
}
