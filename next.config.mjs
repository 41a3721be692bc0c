/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time, and argon2
  // ships a native binary: both must stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "nodemailer", "prom-client"],
  poweredByHeader: false,
  // No gzip in the Node.js server: it cost about 6% of a request's CPU in a profile of the JSON
  // API, and it may hold back server-sent events. Compress at the reverse proxy or CDN instead.
  compress: false,
  async headers() {
    return [
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
