import "server-only";

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * The HTML part of an email, built from the same paragraphs as the text part: every paragraph is
 * escaped, and only the given URLs (our own) become links.
 */
export function renderEmailHtml(input: { locale: string; blocks: string[]; footer?: string; links?: string[] }): string {
  const linkify = (escaped: string) =>
    (input.links ?? []).reduce((html, url) => {
      const safe = escapeHtml(url);
      return html.split(safe).join(`<a href="${safe}" style="color:#2563eb">${safe}</a>`);
    }, escaped);
  const paragraph = (block: string) => `<p style="margin:0 0 16px">${linkify(escapeHtml(block)).replace(/\n/g, "<br>")}</p>`;
  const footer = input.footer ? `<p style="margin:24px 0 0;color:#6b7280;font-size:12px">${escapeHtml(input.footer)}</p>` : "";
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(input.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    '<body style="margin:0;padding:24px;background:#f9fafb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#111827">',
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px">',
    ...input.blocks.map(paragraph),
    footer,
    "</div></body></html>",
  ].join("");
}
