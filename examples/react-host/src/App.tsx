// A React 19 host app's event-creation step around <style-picker>, as the
// contract's "Embedding" describes it, through the npm package's component
// (`style-picker/react`): the element gets the owner's token and the event's
// details as properties, the saved choice comes back as `onStyleSelected`
// into React state, a refused sign-in as `onAuthRefused`, and "start over"
// remounts the element with a new `key` (the old one stops all its requests
// when React removes it).
//
// The token comes from the app's session endpoint, fetched in the browser
// (as examples/next-host does), never from the page's URL, which ends up in
// the history, server logs and Referer headers.
//
// Query (all optional): draft, job, lang.
//   /examples/react-host/?draft=never-demo
import { useCallback, useEffect, useMemo, useState } from "react";
import type {
  EventInfo,
  Style,
  StylePickerAuthDetail,
  StylePickerLang,
  StyleSelectedDetail,
} from "style-picker";
import { StylePicker } from "style-picker/react";

const ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The app's session endpoint: beside the examples (examples/api/session),
 * which the local content-api answers for the demo owner. A real app's
 * server answers from the owner's sign-in session. */
const SESSION_URL = new URL("../api/session", document.baseURI);

interface Setup {
  draft: string;
  job: string | undefined;
  lang: StylePickerLang;
}

function readQuery(): Setup {
  const query = new URLSearchParams(location.search);
  const id = (name: string) => {
    const value = query.get(name);
    return value != null && ID.test(value) ? value : undefined;
  };
  return {
    draft: id("draft") ?? "react-demo",
    job: id("job"),
    lang: query.get("lang") === "en" ? "en" : "ko",
  };
}

interface Session {
  token: string | null;
  problem: string | null;
}

/** The owner's token from the app's session, or why there is none; `renew`
 * forgets the token at once and asks the session again (after the owner
 * signed in again). */
function useOwnerToken(): Session & { renew: () => void } {
  const [asked, setAsked] = useState(0);
  const [session, setSession] = useState<Session>({ token: null, problem: null });
  useEffect(() => {
    const abort = new AbortController();
    fetch(SESSION_URL, { cache: "no-store", credentials: "same-origin", signal: abort.signal })
      .then(async (response) => {
        const answer: unknown = response.ok ? await response.json() : null;
        const token = answer && typeof answer === "object" && "token" in answer ? answer.token : null;
        if (typeof token === "string" && token) setSession({ token, problem: null });
        else setSession({ token: null, problem: "로그인이 필요해요." });
      })
      .catch(() => {
        if (!abort.signal.aborted) setSession({ token: null, problem: "로그인 정보를 불러오지 못했어요." });
      });
    return () => abort.abort();
  }, [asked]);
  const renew = useCallback(() => {
    setSession({ token: null, problem: null });
    setAsked((n) => n + 1);
  }, []);
  return { ...session, renew };
}

const STYLE_NAMES: Record<Style, string> = { simple: "심플", fancy: "화려한", trendy: "트렌디" };

/** What the host app knows about the event; the picker draws and edits from it. */
const EVENT_INFO: EventInfo = {
  title: "봄맞이 세일",
  giftName: "커피 쿠폰",
  brandColor: "#e4572e",
};

export function App() {
  const setup = useMemo(readQuery, []);
  const { token, problem, renew } = useOwnerToken();
  /** The picker's `key`: a new one is a new element, the old one is removed. */
  const [attempt, setAttempt] = useState(1);
  const [chosen, setChosen] = useState<StyleSelectedDetail | null>(null);
  const [saves, setSaves] = useState(0);
  const [refused, setRefused] = useState<StylePickerAuthDetail["status"] | null>(null);

  const startOver = () => {
    setAttempt((n) => n + 1);
    setChosen(null);
    setSaves(0);
    setRefused(null);
  };

  return (
    <>
      <header className="bar">
        <p className="brand">우리가게 사장님 센터</p>
        <p className="who">로그인: 데모 사장님</p>
      </header>
      <main>
        <h1>이벤트 만들기 · React 예시</h1>
        <p className="lead">
          React 19 앱 안의 <code>&lt;style-picker&gt;</code>예요. 저장한 선택은 React 상태로 들어와 아래에
          나타나고, “처음부터 다시”는 요소를 새로 만들어요(<code>key</code> 변경).
        </p>

        {(refused || problem) && (
          <div className="banner" role="alert">
            <p>
              {refused === 403
                ? "이 이벤트의 이미지를 고를 권한이 없어요."
                : "로그인이 끝났어요. 다시 로그인한 뒤 이미지를 고를 수 있어요."}
              {refused && (
                <>
                  {" "}
                  (<span>{refused}</span>)
                </>
              )}
              {problem && ` ${problem}`}
            </p>
            <button
              type="button"
              onClick={() => {
                // A real app sends the owner to its sign-in first; then the
                // session has a fresh token, and a new element waits for it.
                renew();
                startOver();
              }}
            >
              다시 로그인
            </button>
          </div>
        )}

        <section aria-labelledby="info-title" className="slot">
          <h2 id="info-title">1. 이벤트 정보</h2>
          <dl className="facts">
            <dt>제목</dt>
            <dd>{EVENT_INFO.title}</dd>
            <dt>경품</dt>
            <dd>{EVENT_INFO.giftName}</dd>
            <dt>브랜드 색</dt>
            <dd>{EVENT_INFO.brandColor}</dd>
          </dl>
        </section>

        <section aria-labelledby="pick-title" className="slot">
          <h2 id="pick-title">2. 이미지 고르기</h2>
          <p className="attempt">
            시도 <span>{attempt}</span>번째
          </p>
          <StylePicker
            key={attempt}
            id="picker"
            eventDraftId={setup.draft}
            jobId={attempt === 1 ? setup.job : undefined}
            lang={setup.lang}
            headingLevel={3}
            tokenRequired
            token={token}
            eventInfo={EVENT_INFO}
            onStyleSelected={(detail) => {
              setChosen(detail);
              setSaves((n) => n + 1);
            }}
            onAuthRefused={(detail) => setRefused(detail.status)}
          />
          <p className="actions">
            <button type="button" onClick={startOver}>
              처음부터 다시
            </button>
          </p>
        </section>

        <section aria-labelledby="result-title" className="slot" aria-live="polite">
          <h2 id="result-title">3. 고른 이미지</h2>
          {chosen ? <Chosen detail={chosen} saves={saves} /> : <p>아직 저장한 이미지가 없어요.</p>}
        </section>
      </main>
    </>
  );
}

/** The saved choice, every field of `style-selected`'s detail. */
function Chosen({ detail, saves }: { detail: StyleSelectedDetail; saves: number }) {
  const { editedContent: edited } = detail;
  const colours = [
    ["배경색", edited.backgroundColor],
    ["글자색", edited.textColor],
    ["강조색", edited.accentColor],
  ] as const;
  return (
    <div className="chosen">
      <img src={detail.imageUrl} alt={`고른 이미지: ${STYLE_NAMES[detail.style]}`} width={240} height={240} />
      <dl className="facts" id="chosen">
        <dt>스타일</dt>
        <dd>
          <data value={detail.style}>{STYLE_NAMES[detail.style]}</data>
        </dd>
        <dt>제목</dt>
        <dd>{edited.title}</dd>
        <dt>경품</dt>
        <dd>{edited.prize}</dd>
        <dt>참여 방법</dt>
        <dd>{edited.guide}</dd>
        {colours.map(([label, colour]) => (
          <Colour key={label} label={label} colour={colour} />
        ))}
        <dt>이미지 주소</dt>
        <dd>
          <code>{detail.imageUrl}</code>
        </dd>
        <dt>작업</dt>
        <dd>
          <code>{detail.jobId}</code>
        </dd>
        <dt>이벤트 초안</dt>
        <dd>
          <code>{detail.eventDraftId}</code>
        </dd>
        <dt>저장 횟수</dt>
        <dd>{saves}</dd>
      </dl>
    </div>
  );
}

function Colour({ label, colour }: { label: string; colour: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {/* A style property, set through the CSSOM: allowed by style-src 'self'. */}
        <span className="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
        <code>{colour}</code>
      </dd>
    </>
  );
}
