// Another page of the host app: reached with <Link> (a client-side
// navigation), which unmounts the picker and so stops its requests.
import Link from "next/link";

export default function Elsewhere() {
  return (
    <>
      <h1>이벤트 목록</h1>
      <p className="lead">진행 중인 이벤트가 여기에 나와요.</p>
      <p className="actions">
        <Link href="/">이벤트 만들기로 돌아가기</Link>
      </p>
    </>
  );
}
