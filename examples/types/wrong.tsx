// Misuses that MUST fail to type-check: every line marked `// wrong:` has to
// produce an error, and no other line may (tools/types/check-types.mjs checks both).
// tsc --noEmit -p examples/types/tsconfig.wrong.json
import { useRef } from "react";
import type { StyleSelectedDetail } from "style-picker";
import { StylePicker } from "style-picker/react";

export function misuses(detail: StyleSelectedDetail): void {
  if (detail.style === "bold") return; // wrong: not one of the three styles
  console.log(detail.editedContent.subtitle); // wrong: editedContent has no subtitle
  const size: number = detail.imageUrl; // wrong: a URL is a string
  console.log(size);

  const picker = document.createElement("style-picker");
  picker.token = 123; // wrong: a token is a string
  picker.eventInfo = { brandColor: 0xe4572e }; // wrong: brandColor is "#rrggbb", a string
  picker.eventInfo = { title: "세일", when: new Date() }; // wrong: extra fields are sent as JSON
  picker.addEventListener("style-picker-auth", (event) => {
    if (event.detail.status === 500) return; // wrong: only 401 or 403
  });
  picker.addEventListener("style-selected", (event: CustomEvent<{ style: number }>) => event); // wrong: the detail's style is a string
}

export function MisusedInJsx() {
  const divRef = useRef<HTMLDivElement>(null);
  return (
    <div>
      <style-picker heading-level={7} /> {/* wrong: 1 to 6 */}
      <style-picker lang="ja" /> {/* wrong: ko or en */}
      <style-picker theme="sepia" /> {/* wrong: light, dark or auto */}
      <style-picker jobId="job_1" /> {/* wrong: the attribute is job-id */}
      <style-picker token="secret" /> {/* wrong: a token is a property, never an attribute (it would be in the HTML) */}
      <style-picker eventInfo={{ title: "세일" }} /> {/* wrong: eventInfo is a property, never an attribute */}
      <StylePicker jobID="job_1" /> {/* wrong: the prop is jobId */}
      <StylePicker eventDraftId="d_1" tokn="secret" /> {/* wrong: misspelt token */}
      <StylePicker headingLevel={7} /> {/* wrong: 1 to 6 */}
      <StylePicker token={123} /> {/* wrong: a token is a string */}
      <StylePicker eventInfo={{ brandColor: 0xe4572e }} /> {/* wrong: brandColor is "#rrggbb", a string */}
      <StylePicker onStyleSelected={(detail: { style: number }) => detail} /> {/* wrong: the detail's style is a string */}
      <StylePicker onAuthRefused={(detail) => detail.status === 500} /> {/* wrong: only 401 or 403 */}
      <StylePicker ref={divRef} /> {/* wrong: the ref is the <style-picker> element */}
    </div>
  );
}
