// Per request, before Next renders anything:
//
// - /next-host/api/content/… goes to the Content API (CONTENT_API_URL, read
//   when the server starts, e.g. http://127.0.0.1:8787), so the element talks
//   to its own origin, as the contract's default `api-base` expects. Not a
//   next.config rewrite: those are fixed at build time (routes-manifest.json),
//   and the API's address is a deployment setting.
// - every page gets the host's Content Security Policy with a fresh nonce,
//   which Next puts on its own inline scripts (the pages render per request:
//   app/layout.tsx). The element needs 'wasm-unsafe-eval' and its files from
//   'self' (the bundler emits them under /next-host/_next/static/).
import { NextResponse, type NextRequest } from "next/server";

const API_PREFIX = "/api/content/";

/** The Content API's origin, or null when CONTENT_API_URL is not set or not a URL. */
function contentApi(): URL | null {
  try {
    return new URL(process.env.CONTENT_API_URL ?? "");
  } catch {
    return null;
  }
}

function policy(nonce: string, api: URL | null): string {
  // The images the Content Service draws: https anywhere, and the API's own
  // origin (a local content-api answers with http://127.0.0.1:… URLs).
  const images = ["'self'", "https:", ...(api ? [api.origin] : [])].join(" ");
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src ${images}`,
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const api = contentApi();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith(API_PREFIX)) {
    if (!api) return NextResponse.json({ message: "CONTENT_API_URL is not set" }, { status: 502 });
    return NextResponse.rewrite(new URL(`${pathname}${search}`, api));
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = policy(nonce, api);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Not Next's static files; prefetches need no policy of their own. The
  // base path's root (/next-host, no slash) is matched only by "/".
  matcher: [
    "/",
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
