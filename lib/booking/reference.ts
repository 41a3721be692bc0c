import { randomBytes } from "node:crypto";

// Crockford base32: no I, L, O or U, so a reference read aloud or copied by hand stays unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const REFERENCE_LENGTH = 8;

/** A short human booking reference such as "K7Q4M9X2" (40 random bits; the unique index catches the rare clash). */
export function newBookingReference(): string {
  const bytes = randomBytes(REFERENCE_LENGTH);
  let out = "";
  // 256 is a multiple of 32, so masking keeps every character equally likely.
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}
