// The app's session endpoint: the signed-in owner's API token, for code in
// the browser. A real app reads it from its own session (a cookie it set at
// sign-in); this example has one owner, whose token is the server's
// STYLE_PICKER_OWNER_TOKEN. Never cached: it answers per request.
//
// STYLE_PICKER_SESSION_DELAY_MS (the end-to-end tests set it) makes it answer
// late, as a session store far away would: the element is then on the page,
// defined and ready long before its token, which `tokenRequired` waits for.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const delay = Number(process.env.STYLE_PICKER_SESSION_DELAY_MS) || 0;
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const token = process.env.STYLE_PICKER_OWNER_TOKEN || null;
  return Response.json({ token }, { status: token ? 200 : 401, headers: { "Cache-Control": "no-store" } });
}
