// A server component: the page around the picker. It hands the client
// component only what may be in the HTML (ids, language); the owner's token
// is fetched in the browser (image-step.tsx), because every prop passed from
// here to a client component is serialized into the page.
//
// Query (all optional): draft, job, lang.
import Link from "next/link";
import { ImageStep } from "./image-step";

const ID = /^[A-Za-z0-9._-]{1,128}$/;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const id = (name: string) => {
    const value = query[name];
    return typeof value === "string" && ID.test(value) ? value : undefined;
  };
  return (
    <>
      <h1>이벤트 만들기 · Next.js 예시</h1>
      <p className="lead">
        Next.js 앱 안의 <code>&lt;style-picker&gt;</code>예요. 서버가 그린 페이지에 요소가 있고, 사장님 토큰은
        브라우저에서 세션으로 받아 요소에 넘겨요. 저장한 선택은 React 상태로 들어와 아래에 나타나요.
      </p>
      <ImageStep draftId={id("draft") ?? "next-demo"} jobId={id("job")} lang={query.lang === "en" ? "en" : "ko"} />
      <p className="actions">
        <Link href="/elsewhere">이벤트 목록으로</Link>
      </p>
    </>
  );
}
