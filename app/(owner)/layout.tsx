import { Suspense } from "react";
import { requireOwner } from "@/auth";
import { OwnerNav, type OwnerNavLink } from "@/components/dashboard/owner-nav";
import { SiteHeader } from "@/components/ui/site-header";
import { signOutAction } from "./actions";

// The owner's sections. Each page checks the session itself; this bar only shows the way around.
const OWNER_LINKS: OwnerNavLink[] = [
  { href: "/dashboard", label: "Calendar", alsoActiveUnder: ["/dashboard/bookings"], keepsSalon: true },
  { href: "/dashboard/health", label: "Delivery health", keepsSalon: true },
  { href: "/salons", label: "Salons and settings", alsoActiveUnder: ["/salons"] },
  { href: "/account", label: "Account" },
];

export default async function OwnerLayout({ children }: { children: React.ReactNode }) {
  const owner = await requireOwner();
  return (
    <>
      <SiteHeader>
        {/* The bar reads the page's ?salon=; Suspense lets a page without it render before the browser knows. */}
        {owner && (
          <Suspense>
            <OwnerNav ownerName={owner.name} links={OWNER_LINKS} signOut={signOutAction} />
          </Suspense>
        )}
      </SiteHeader>
      {/* A page that marks itself data-wide-page (the calendar with its feed) gets the wider column. */}
      <main id="main" className="mx-auto max-w-4xl space-y-6 px-4 py-6 sm:py-10 lg:has-[[data-wide-page]]:max-w-7xl">
        {children}
      </main>
    </>
  );
}
