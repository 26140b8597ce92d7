// Filling in a canned reply's placeholders: pure, so the unit test and any caller can use it.
import { CANNED_PLACEHOLDERS, type CannedPlaceholder } from "./canned-reply-schemas";

export type CannedReplyContext = {
  customer: { name: string; contract: string };
  /** The contact who opened the ticket; null (e.g. removed) falls back to the customer's name. */
  contact: { name: string } | null;
  ticket: { number: string; subject: string };
  staff: { name: string };
};

// Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
// that can start emphasis, code, links, images, HTML, entities, tables or strikethrough inline.
const INLINE_MARKDOWN = /[\\`*_{}[\]()<>#+!|~&]/g;

/**
 * A value as literal text inside Markdown: one line, with the characters that could format,
 * link or embed anything escaped, so "[Acme](https://evil)" shows as typed. A leading "-" or "1."
 * is escaped too (it would start a list when the placeholder begins a line), and "://" and "www."
 * are broken up so GFM does not turn a name into a link.
 */
export function escapeMarkdownText(value: string): string {
  return value
    .replace(/\s+/g, " ")
    .trim()
    .replace(INLINE_MARKDOWN, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2")
    .replace(/^([-=])/, "\\$1")
    .replace(/:\/\//g, ":\\/\\/")
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

function placeholderValue(name: CannedPlaceholder, context: CannedReplyContext): string {
  switch (name) {
    case "customer.name":
      return context.customer.name;
    case "customer.contract":
      return context.customer.contract;
    case "contact.name":
      return context.contact?.name ?? context.customer.name;
    case "ticket.number":
      return context.ticket.number;
    case "ticket.subject":
      return context.ticket.subject;
    case "staff.name":
      return context.staff.name;
  }
}

const PLACEHOLDER = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gi;
const isPlaceholder = (name: string): name is CannedPlaceholder => (CANNED_PLACEHOLDERS as readonly string[]).includes(name);

/**
 * A canned reply's body with its placeholders filled in ({{customer.name}}, {{customer.contract}},
 * {{contact.name}}, {{ticket.number}}, {{ticket.subject}}, {{staff.name}}). Values go in as plain
 * text (Markdown escaped); placeholders it does not know are left exactly as written.
 */
export function renderCannedReply(body: string, context: CannedReplyContext): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    const key = name.toLowerCase();
    return isPlaceholder(key) ? escapeMarkdownText(placeholderValue(key, context)) : whole;
  });
}
