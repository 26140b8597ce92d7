import { type CannedReplyContext, escapeMarkdownText, renderCannedReply } from "./render-canned-reply";

const context: CannedReplyContext = {
  customer: { name: "Acme Studio", contract: "C-1001" },
  contact: { name: "Jana Nováková" },
  ticket: { number: "T-100042", subject: "Mail bounces" },
  staff: { name: "Minh Tran" },
};

describe("renderCannedReply", () => {
  it("fills in every known placeholder", () => {
    const body = "Hello {{contact.name}},\n\n{{customer.name}} ({{customer.contract}}), ticket {{ticket.number}}: {{ticket.subject}}.\n\n{{staff.name}}";
    expect(renderCannedReply(body, context)).toBe("Hello Jana Nováková,\n\nAcme Studio (C-1001), ticket T-100042: Mail bounces.\n\nMinh Tran");
  });

  it("accepts spaces inside the braces and any letter case", () => {
    expect(renderCannedReply("{{ customer.name }} / {{Ticket.Number}}", context)).toBe("Acme Studio / T-100042");
  });

  it("leaves unknown placeholders and stray braces exactly as written", () => {
    expect(renderCannedReply("{{customer.email}} {{ nope }} {single} {{staff.name", context)).toBe("{{customer.email}} {{ nope }} {single} {{staff.name");
  });

  it("uses the customer's name when the ticket has no contact", () => {
    expect(renderCannedReply("Dear {{contact.name}}", { ...context, contact: null })).toBe("Dear Acme Studio");
  });

  it("inserts values as plain text: Markdown, HTML and links in a value are escaped", () => {
    const evil: CannedReplyContext = {
      ...context,
      customer: { name: "[Click](javascript:alert(1)) <img src=x> **bold**", contract: "C-1" },
      ticket: { number: "T-1", subject: "# Heading\n- item" },
    };
    expect(renderCannedReply("{{customer.name}}", evil)).toBe("\\[Click\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\*\\*bold\\*\\*");
    // One line, and a leading "#" cannot start a heading.
    expect(renderCannedReply("{{ticket.subject}}", evil)).toBe("\\# Heading - item");
  });

  it("does not re-expand placeholders that appear inside a value", () => {
    const sneaky = { ...context, ticket: { number: "T-1", subject: "{{staff.name}}" } };
    expect(renderCannedReply("{{ticket.subject}}", sneaky)).toBe("\\{\\{staff.name\\}\\}");
  });
});

describe("escapeMarkdownText", () => {
  it("keeps ordinary names readable", () => {
    expect(escapeMarkdownText("Acme Studio s.r.o.")).toBe("Acme Studio s.r.o.");
    expect(escapeMarkdownText("Nguyễn Văn A")).toBe("Nguyễn Văn A");
  });

  it("stops list markers at the start and autolinks", () => {
    expect(escapeMarkdownText("- dash")).toBe("\\- dash");
    expect(escapeMarkdownText("1. first")).toBe("1\\. first");
    expect(escapeMarkdownText("see https://evil.test or www.evil.test")).toBe("see https:\\/\\/evil.test or www\\.evil.test");
  });
});
