// A Next.js 16 host app (App Router) under a base path, with the element from
// the npm package. The Content Security Policy (with a nonce per request for
// Next's own inline scripts) and the way to the Content API are set per
// request in proxy.ts; the headers here are the static ones.
import type { NextConfig } from "next";

/** Where the app lives on its origin; the element's API calls go under it too. */
const basePath = "/next-host";

const config: NextConfig = {
  basePath,
  env: { NEXT_PUBLIC_BASE_PATH: basePath },
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
