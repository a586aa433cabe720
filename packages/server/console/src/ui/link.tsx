/** A link inside the console: a real <a href> (so it can be opened in a new tab) that navigates in place. */
import type { ComponentChildren } from "preact";
import { onLinkClick } from "./use-route.ts";

/** An in-console link. */
export function Link(props: {
  href: string;
  class?: string;
  children: ComponentChildren;
  "aria-label"?: string;
}) {
  return (
    <a href={props.href} class={props.class} aria-label={props["aria-label"]} onClick={onLinkClick}>
      {props.children}
    </a>
  );
}
