"use client";
// The client side of the page: the owner's token comes from the app's
// session endpoint, in the browser, as a host app gets it (never as a prop
// from the server component, which would put it into the HTML). Until it is
// there the element waits (`tokenRequired`); once set, the element's very
// first request carries it. The saved choice comes back into React state.
import { useEffect, useState } from "react";
import type { EventInfo, Style, StylePickerAuthDetail, StylePickerLang, StyleSelectedDetail } from "style-picker";
import { StylePicker } from "style-picker/react";

/** next.config.ts's basePath: the session endpoint and the Content API (proxy.ts) live under it. */
const BASE_PATH = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

/** What the host app knows about the event; the picker draws and edits from it. */
const EVENT_INFO: EventInfo = { title: "봄맞이 세일", giftName: "커피 쿠폰", brandColor: "#e4572e" };

const STYLE_NAMES: Record<Style, string> = { simple: "심플", fancy: "화려한", trendy: "트렌디" };

/** The owner's token from the app's session, or why there is none. */
function useOwnerToken(): { token: string | null; problem: string | null } {
  const [state, setState] = useState<{ token: string | null; problem: string | null }>({ token: null, problem: null });
  useEffect(() => {
    const abort = new AbortController();
    fetch(`${BASE_PATH}/api/session`, { cache: "no-store", credentials: "same-origin", signal: abort.signal })
      .then(async (response) => {
        const session: unknown = response.ok ? await response.json() : null;
        const token = session && typeof session === "object" && "token" in session ? session.token : null;
        if (typeof token === "string" && token) setState({ token, problem: null });
        else setState({ token: null, problem: "로그인이 필요해요." });
      })
      .catch(() => {
        if (!abort.signal.aborted) setState({ token: null, problem: "로그인 정보를 불러오지 못했어요." });
      });
    return () => abort.abort();
  }, []);
  return state;
}

export function ImageStep({ draftId, jobId, lang }: { draftId: string; jobId: string | undefined; lang: StylePickerLang }) {
  const { token, problem } = useOwnerToken();
  const [chosen, setChosen] = useState<StyleSelectedDetail | null>(null);
  const [saves, setSaves] = useState(0);
  const [refused, setRefused] = useState<StylePickerAuthDetail["status"] | null>(null);

  return (
    <>
      {(problem || refused) && (
        <div className="banner" role="alert">
          <p>
            {refused === 403 ? "이 이벤트의 이미지를 고를 권한이 없어요." : "로그인이 끝났어요. 다시 로그인한 뒤 이미지를 고를 수 있어요."}
            {problem && ` ${problem}`}
          </p>
        </div>
      )}
      <section aria-labelledby="pick-title" className="slot">
        <h2 id="pick-title">이미지 고르기</h2>
        <StylePicker
          id="picker"
          eventDraftId={draftId}
          jobId={jobId}
          lang={lang}
          apiBase={BASE_PATH}
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
      </section>
      <section aria-labelledby="result-title" className="slot" aria-live="polite">
        <h2 id="result-title">고른 이미지</h2>
        {chosen ? <Chosen detail={chosen} saves={saves} /> : <p>아직 저장한 이미지가 없어요.</p>}
      </section>
    </>
  );
}

/** The saved choice: every field of `style-selected`'s detail. */
function Chosen({ detail, saves }: { detail: StyleSelectedDetail; saves: number }) {
  const { editedContent: edited } = detail;
  const rows: [string, string][] = [
    ["스타일", STYLE_NAMES[detail.style]],
    ["제목", edited.title],
    ["경품", edited.prize],
    ["참여 방법", edited.guide],
    ["배경색", edited.backgroundColor],
    ["글자색", edited.textColor],
    ["강조색", edited.accentColor],
    ["이미지 주소", detail.imageUrl],
    ["작업", detail.jobId],
    ["이벤트 초안", detail.eventDraftId],
    ["저장 횟수", String(saves)],
  ];
  return (
    <dl className="facts" id="chosen">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{label === "스타일" ? <data value={detail.style}>{value}</data> : value}</dd>
        </div>
      ))}
    </dl>
  );
}
