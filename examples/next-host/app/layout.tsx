import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./host.css";

export const metadata: Metadata = { title: "이벤트 만들기 · Next.js 예시 호스트" };
export const viewport: Viewport = { colorScheme: "light dark" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: the CSP nonce (proxy.ts) is per request.
  await connection();
  return (
    <html lang="ko">
      <body>
        <header className="bar">
          <p className="brand">우리가게 사장님 센터</p>
          <p className="who">로그인: 데모 사장님</p>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
