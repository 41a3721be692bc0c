import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { getConfig } from "@/lib/config/env";

export const dynamic = "force-dynamic";

// The Inngest endpoint: GET (introspection), PUT (sync/registration), POST (run a step).
// The URL this app registers as its endpoint comes from APP_URL, never from the request: otherwise
// the SDK builds it from the Host and X-Forwarded-* headers, and an unauthenticated PUT with a
// forged Host registers someone else's address, signed with our key.
let served: { appUrl: string; handlers: ReturnType<typeof serve> } | undefined;

function handlers(): ReturnType<typeof serve> {
  const { appUrl } = getConfig();
  if (served?.appUrl !== appUrl) {
    const url = new URL(appUrl);
    served = {
      appUrl,
      handlers: serve({ client: inngest, functions, serveOrigin: url.origin, servePath: `${url.pathname.replace(/\/$/, "")}/api/inngest` }),
    };
  }
  return served.handlers;
}

// Exactly one relay is active per deployment: in embedded mode this endpoint is switched off, so
// an Inngest server cannot start a second relay beside the embedded driver.
function inngestEnabled(): boolean {
  return getConfig().relay.mode === "inngest";
}

const disabled = () =>
  Response.json({ message: "The Inngest relay is not enabled on this server (embedded relay mode)." }, { status: 404 });

export async function GET(request: NextRequest, context: unknown) {
  return inngestEnabled() ? handlers().GET(request, context) : disabled();
}

export async function POST(request: NextRequest, context: unknown) {
  return inngestEnabled() ? handlers().POST(request, context) : disabled();
}

export async function PUT(request: NextRequest, context: unknown) {
  return inngestEnabled() ? handlers().PUT(request, context) : disabled();
}
