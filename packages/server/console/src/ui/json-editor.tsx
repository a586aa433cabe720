/** A textarea for JSON that validates as you type and points at the mistake. */
import { useId } from "preact/hooks";
import { parseJsonInput } from "../json/parse-json-input.ts";
import type { JsonInput } from "../json/parse-json-input.ts";

/** The editor; `onChange` gets the text and its validation. */
export function JsonEditor(props: {
  label: string;
  value: string;
  onChange: (text: string, parsed: JsonInput) => void;
  allowEmpty?: boolean;
  hint?: string;
  rows?: number;
  name?: string;
}) {
  const id = useId();
  const parsed = parseJsonInput(props.value, { allowEmpty: props.allowEmpty === true });
  const messageId = `${id}-message`;
  return (
    <div class="field json-editor">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 8}
        spellcheck={false}
        value={props.value}
        aria-invalid={!parsed.ok}
        aria-describedby={messageId}
        onInput={(event) => {
          const text = event.currentTarget.value;
          props.onChange(text, parseJsonInput(text, { allowEmpty: props.allowEmpty === true }));
        }}
      />
      <p id={messageId} class={parsed.ok ? "hint" : "field-error"}>
        {parsed.ok ? (props.hint ?? "Valid JSON.") : parsed.message}
      </p>
    </div>
  );
}
