import Link from "next/link";
import { textLink } from "@/components/ui/styles";

export default function SalonNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Salon not found</h1>
      <p>
        There is no salon at this address.{" "}
        <Link href="/" className={textLink}>
          See all salons
        </Link>
        .
      </p>
    </div>
  );
}
