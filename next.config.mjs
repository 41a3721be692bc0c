/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time, and argon2
  // ships a native binary: both must stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "nodemailer", "prom-client"],
  poweredByHeader: false,
  // No gzip in the Node.js server: it cost about 6% of a request's CPU in a profile of the JSON
  // API, and it may hold back server-sent events. Compress at the reverse proxy or CDN instead.
  compress: false,
  // Security headers that do not change per request, on every response (pages, API, static
  // files). A page's CSP (with its per-request nonce) and HSTS come from proxy.ts, which knows
  // APP_URL at run time; these are fixed at build time.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // JSON and event streams: nothing in them may run, load or be framed.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        // The customer's manage links carry their secret token in the path: never leak it in a
        // Referer, and keep the pages out of search engines (the page's own meta says so too).
        source: "/b/:token*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
    ];
  },
};

export default nextConfig;
