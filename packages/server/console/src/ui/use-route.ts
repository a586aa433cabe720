/** The current route, from the address bar, and navigation without reloading the page. */
import { useEffect, useState } from "preact/hooks";
import { parseRoute } from "../routing/route.ts";
import type { Route } from "../routing/route.ts";

const changeEvent = "durably:navigate";

/** Goes to `href` inside the console (pushes a history entry; `replace` swaps the current one). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  window.dispatchEvent(new Event(changeEvent));
}

/** The route of the current address, updated on navigation and on back/forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(location.pathname, location.search));
    window.addEventListener("popstate", update);
    window.addEventListener(changeEvent, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(changeEvent, update);
    };
  }, []);
  return route;
}

/** Click handler for in-console links: plain clicks navigate in place, modified clicks open tabs. */
export function onLinkClick(event: MouseEvent): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  const anchor = event.currentTarget;
  if (!(anchor instanceof HTMLAnchorElement)) return;
  event.preventDefault();
  navigate(anchor.getAttribute("href") ?? "/");
}
