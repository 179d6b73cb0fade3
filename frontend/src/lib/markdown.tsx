// Markdown for messages and synced text. Raw HTML inside the Markdown is shown as text (never parsed), and the
// produced HTML is sanitized by DOMPurify as a second wall; links open in a new tab without the opener.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { memo } from 'react';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html(token) {
      return escapeHtml(token.text);
    },
  },
});

let hooked = false;
function purifier() {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false }) as string;
  return purifier().sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#)/i,
  });
}

export const Markdown = memo(function Markdown({ text, className = '' }: { text: string; className?: string }) {
  return <div className={`prose-chat ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
});

/** Plain text with the search terms marked: built from text nodes only, so nothing in it can become HTML. */
export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  const words = terms.map((t) => t.trim()).filter((t) => t.length > 1);
  if (words.length === 0) return <>{text}</>;
  const re = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  const parts = text.split(re);
  return (
    <>
      {parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>))}
    </>
  );
}
