import Link from "next/link";
import { textLink } from "@/components/ui/styles";

// One answer for "no such salon or booking" and "not yours": neither tells the other apart.
export default function DashboardNotFound() {
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Not found</h1>
      <p className="text-stone-700">There is no such salon or booking among yours.</p>
      <p>
        <Link href="/dashboard" className={textLink}>
          Back to your dashboard
        </Link>
      </p>
    </>
  );
}
