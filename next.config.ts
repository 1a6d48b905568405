import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its wasm at run time and must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
