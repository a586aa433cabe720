/**
 * A modal built on <dialog>: the browser traps focus inside, makes the page behind it inert and
 * closes it on Escape, which covers the keyboard basics without a library.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

/** A modal dialog, open while rendered. */
export function ModalDialog(props: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  class?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`modal ${props.class ?? ""}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}

/** The outcome line of an action: what happened, announced to screen readers. */
export function Outcome(props: { outcome: { ok: boolean; message: string } | undefined }) {
  return (
    <p
      class={`outcome ${props.outcome === undefined ? "" : props.outcome.ok ? "outcome-ok" : "outcome-error"}`}
      role="status"
      aria-live="polite"
    >
      {props.outcome?.message ?? ""}
    </p>
  );
}
