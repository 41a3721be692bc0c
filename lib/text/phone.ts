import { isSupportedCountry, isValidPhoneNumber, type CountryCode } from "libphonenumber-js";

/**
 * Why a phone number cannot be right, or undefined if it can: checked with libphonenumber-js, a
 * national number ("020 7946 0000") read in the salon's country, one with "+" in its own.
 */
export function phoneProblem(phone: string, defaultCountry: string): string | undefined {
  const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  if (isValidPhoneNumber(phone, country)) return undefined;
  return phone.trim().startsWith("+")
    ? "Please enter a complete phone number, e.g. +44 20 7946 0000"
    : `Please enter a complete phone number${country ? ` (numbers without +country code are read as ${country})` : " with its +country code"}`;
}

/** Whether the code is a country libphonenumber-js knows (ISO 3166-1 alpha-2, upper case). */
export function isPhoneCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}
