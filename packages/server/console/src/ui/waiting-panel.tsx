/** "Why is it waiting": the sentence, the reasons behind it, and a way to answer callbacks. */
import type { WaitingExplanation } from "../waiting/explain-waiting.ts";

const shownReasons = 20;

/** The panel; `onAnswerCallback` opens the callback dialog, `onShowOperation` selects the operation. */
export function WaitingPanel(props: {
  explanation: WaitingExplanation;
  onAnswerCallback: (callbackId: string) => void;
  onShowOperation: (operationId: string) => void;
}) {
  const { summary, reasons } = props.explanation;
  const isSingle = reasons.length === 1;
  return (
    <section class="waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Why is it waiting?</h2>
      <p class="waiting-summary" data-testid="waiting-summary">
        {summary}
      </p>
      {reasons.length > 0 && (
        <ul class={isSingle ? "waiting-reasons single" : "waiting-reasons"}>
          {reasons.slice(0, shownReasons).map((reason) => (
            <li key={reason.operationId} data-kind={reason.kind}>
              {!isSingle && <span>{reason.sentence} </span>}
              <button
                type="button"
                class="link-button"
                onClick={() => props.onShowOperation(reason.operationId)}
              >
                Show operation
              </button>
              {reason.callbackId !== undefined && (
                <button
                  type="button"
                  class="small"
                  onClick={() =>
                    reason.callbackId !== undefined && props.onAnswerCallback(reason.callbackId)
                  }
                >
                  Complete callback…
                </button>
              )}
            </li>
          ))}
          {reasons.length > shownReasons && <li>…and {reasons.length - shownReasons} more.</li>}
        </ul>
      )}
    </section>
  );
}
