import { memberCalendar } from "@dm/api";
import { getDb, isDatabaseDown } from "@dm/db";

/**
 * A member's calendar feed (ICS) at /api/calendar/<secret>.ics. Calendar apps fetch it without
 * a session: the unguessable token is the key, so an unknown one is a plain 404 and the
 * answer is never cached by shared caches.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let ics: string | null;
  try {
    ics = await memberCalendar(getDb(), token.replace(/\.ics$/, ""), new URL(request.url).origin);
  } catch (error) {
    // Calendar apps poll: during an outage tell them to come back, rather than a 500.
    if (!isDatabaseDown(error)) throw error;
    return new Response("Service unavailable", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "60" } });
  }
  if (ics === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="activities.ics"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
