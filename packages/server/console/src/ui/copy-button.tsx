/** A button that copies an id to the clipboard and says so (visibly and to screen readers). */
import { useState } from "preact/hooks";

/** Copies `value`; `label` names what is copied ("execution id"). */
export function CopyButton(props: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async (): Promise<void> => {
    setState((await writeClipboard(props.value)) ? "copied" : "failed");
    window.setTimeout(() => setState("idle"), 1500);
  };
  return (
    <button
      type="button"
      class="copy-button"
      aria-label={`Copy ${props.label}`}
      title={`Copy ${props.label}`}
      data-copy={props.value}
      onClick={() => void copy()}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
      <span class="visually-hidden" role="status">
        {state === "copied" ? `${props.label} copied` : ""}
      </span>
    </button>
  );
}

/** An id shown in monospace with its copy button. */
export function CopyableId(props: { value: string; label: string; short?: boolean }) {
  const shown =
    props.short === true && props.value.length > 24 ? `…${props.value.slice(-20)}` : props.value;
  return (
    <span class="copyable">
      <code title={props.value}>{shown}</code>
      <CopyButton value={props.value} label={props.label} />
    </span>
  );
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The async clipboard needs a secure context (https or localhost); fall back to a selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}
