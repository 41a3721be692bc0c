import { SiteHeader } from "@/components/ui/site-header";

export default function CustomerLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      {/* Any word may break: a 120-character name or address must wrap at 390 px, not widen the page. */}
      <main id="main" className="mx-auto max-w-3xl min-w-0 space-y-6 px-4 py-6 [overflow-wrap:anywhere] sm:py-10">
        {children}
      </main>
    </>
  );
}
