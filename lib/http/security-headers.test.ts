import { describe, expect, it } from "vitest";
import { newNonce, pageContentSecurityPolicy, pageSecurityHeaders } from "./security-headers";

// Issue 13, finding 5: no Content-Security-Policy, no frame-ancestors, no HSTS on any page.
// The headers are proved on the production build by e2e/security.spec.ts; these are the choices.

describe("a page's security headers", () => {
  it("a nonce-based CSP that no page can be framed under; HSTS and upgrades only behind https", () => {
    const plain = pageSecurityHeaders({ nonce: "abc", https: false, development: false });
    expect(plain["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(plain["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(plain["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(plain["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(plain["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    expect(plain["Strict-Transport-Security"]).toBeUndefined();

    const secure = pageSecurityHeaders({ nonce: "abc", https: true, development: false });
    expect(secure["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(secure["Content-Security-Policy"]).toContain("upgrade-insecure-requests");

    expect(pageContentSecurityPolicy({ nonce: "abc", https: false, development: true })).toContain("'unsafe-eval'");
  });

  it("a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
