// Misuses that MUST fail to type-check: every line marked `// wrong:` has to
// produce an error, and no other line may (tools/check-types.mjs checks both).
// tsc --noEmit -p examples/types/tsconfig.wrong.json
import type { StyleSelectedDetail } from "../../loader/style-picker.js";

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
  return (
    <div>
      <style-picker heading-level={7} /> {/* wrong: 1 to 6 */}
      <style-picker lang="ja" /> {/* wrong: ko or en */}
      <style-picker jobId="job_1" /> {/* wrong: the attribute is job-id */}
      <style-picker eventInfo="봄맞이 세일" /> {/* wrong: eventInfo is an object */}
      <style-picker onstyle-selected={(event: MouseEvent) => event} /> {/* wrong: a CustomEvent, not a MouseEvent */}
    </div>
  );
}
