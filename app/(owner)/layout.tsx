import { SiteHeader } from "@/components/ui/site-header";

export default function OwnerLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-4xl space-y-6 px-4 py-6 sm:py-10">
        {children}
      </main>
    </>
  );
}
