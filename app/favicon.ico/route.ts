/**
 * Browsers still ask for /favicon.ico when a page has not told them its icon yet (a quick navigation,
 * a download): send them to the icon of app/icon.svg instead of a 404 in the console.
 */
export function GET() {
  return new Response(null, {
    status: 308,
    headers: { location: "/icon.svg", "cache-control": "public, max-age=86400" },
  });
}
