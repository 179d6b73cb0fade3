// Where the user writes to Penny: Enter sends, Shift+Enter breaks the line; Stop cancels the running answer.
import { useRef, useState } from 'react';
import { Button } from '../ui/ui';

// the socket takes frames up to 64 KiB: 20 000 characters fit even when every one takes three bytes
export const MAX_MESSAGE = 20_000;

export function Composer({ onSend, onStop, onTyping, running, disabledReason, scopeChoice }: {
  onSend: (text: string) => boolean;
  onStop?: () => void;
  onTyping?: () => void;
  running: boolean;
  disabledReason?: string | null;
  scopeChoice?: React.ReactNode;
}) {
  const [text, setText] = useState('');
  const lastTyping = useRef(0);
  const tooLong = text.length > MAX_MESSAGE;
  const canSend = text.trim().length > 0 && !tooLong && !disabledReason;

  function send() {
    if (!canSend) return;
    if (onSend(text.trim())) setText('');
  }

  return (
    <form
      className="border-t border-line bg-panel p-3"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="composer" className="sr-only">Message Penny</label>
      <textarea
        id="composer"
        rows={2}
        value={text}
        placeholder="Ask Penny about your deals, accounts, meetings…"
        className="block max-h-60 min-h-[3.5rem] w-full resize-y rounded-lg border border-line bg-surface px-3 py-2 text-sm focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30"
        onChange={(e) => {
          setText(e.target.value);
          if (onTyping && Date.now() - lastTyping.current > 3000) {
            lastTyping.current = Date.now();
            onTyping();
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
        aria-describedby="composer-hint"
      />
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <div id="composer-hint" className="flex flex-wrap items-center gap-3 text-xs text-muted">
          {scopeChoice}
          {tooLong ? (
            <span className="text-danger" role="alert">
              {text.length.toLocaleString()} / {MAX_MESSAGE.toLocaleString()} characters: shorten the message or attach the text as a file.
            </span>
          ) : disabledReason ? (
            <span>{disabledReason}</span>
          ) : (
            <span className="hidden sm:inline">Enter to send · Shift+Enter for a new line</span>
          )}
        </div>
        <div className="ml-auto flex gap-2">
          {running && onStop && (
            <Button variant="secondary" onClick={onStop} aria-label="Stop the answer">
              <span aria-hidden>■</span> Stop
            </Button>
          )}
          <Button variant="primary" type="submit" disabled={!canSend}>
            Send
          </Button>
        </div>
      </div>
    </form>
  );
}
