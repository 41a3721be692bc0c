import Link from "next/link";
import { textLink } from "@/components/ui/styles";

// Unknown, guessed and truncated tokens all land here: nothing tells them apart.
export default function BookingLinkNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Booking link not found</h1>
      <p>
        This link does not open a booking. Please use the whole link from your confirmation email.{" "}
        <Link href="/" className={textLink}>
          See all salons
        </Link>
        .
      </p>
    </div>
  );
}
