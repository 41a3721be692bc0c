/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time, and argon2
  // ships a native binary: both must stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "nodemailer", "prom-client"],
  poweredByHeader: false,
};

export default nextConfig;
