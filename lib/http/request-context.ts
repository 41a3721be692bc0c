import { headers } from "next/headers";
import { getConfig } from "@/lib/config/env";
import { clientIp } from "./client-ip";

/** The client address of the request a page or server action is running for (see client-ip.ts). */
export async function requestClientIp(): Promise<string | undefined> {
  return clientIp(await headers(), getConfig().proxies);
}
