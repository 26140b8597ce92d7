import {
  TICKET_TOKEN_PATTERN,
  cleanSubject,
  generateTicketToken,
  parseSubjectTag,
  parseTicketToken,
  stripQuotedReply,
  subjectTag,
  ticketReplyAddress,
} from "./email-reply";

const TOKEN = "abcdefghijklmnopqrstuv23";
const lines = (...parts: string[]) => parts.join("\n");

describe("ticket token", () => {
  it("generates 24 lower-case base32 characters, different each time", () => {
    const tokens = new Set(Array.from({ length: 50 }, generateTicketToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(TICKET_TOKEN_PATTERN);
      expect(token).toMatch(/^[a-z2-7]{24}$/);
    }
  });

  it("accepts hex tokens too, and nothing shorter, longer or upper-case", () => {
    expect(TICKET_TOKEN_PATTERN.test("0123456789abcdef01234567")).toBe(true);
    expect(TICKET_TOKEN_PATTERN.test(TOKEN.slice(1))).toBe(false);
    expect(TICKET_TOKEN_PATTERN.test(`${TOKEN}a`)).toBe(false);
    expect(TICKET_TOKEN_PATTERN.test(TOKEN.toUpperCase())).toBe(false);
  });
});

describe("ticketReplyAddress", () => {
  it("plus-addresses the support mailbox", () => {
    expect(ticketReplyAddress(TOKEN, "support@example.com")).toBe(`support+t.${TOKEN}@example.com`);
  });

  it("replaces an existing tag and lower-cases the domain", () => {
    expect(ticketReplyAddress(TOKEN, "help+portal@Example.COM")).toBe(`help+t.${TOKEN}@example.com`);
  });

  it("refuses a malformed token or address", () => {
    expect(() => ticketReplyAddress("short", "support@example.com")).toThrow();
    expect(() => ticketReplyAddress(TOKEN, "support")).toThrow();
    expect(() => ticketReplyAddress(TOKEN, "support@")).toThrow();
  });
});

describe("subjectTag / parseSubjectTag", () => {
  it("round-trips number and token", () => {
    expect(subjectTag(1042, TOKEN)).toBe(`[T-1042#${TOKEN}]`);
    expect(subjectTag("T-1042", TOKEN)).toBe(`[T-1042#${TOKEN}]`);
    expect(parseSubjectTag(`Re: Server down ${subjectTag("T-1042", TOKEN)}`)).toEqual({ number: "1042", token: TOKEN });
  });

  it("tolerates a case-folded tag and spaces inside the brackets", () => {
    expect(parseSubjectTag(`RE: [t-7 # ${TOKEN.toUpperCase()}] Server down`)).toEqual({ number: "7", token: TOKEN });
  });

  it("ignores tags with a malformed token", () => {
    expect(parseSubjectTag("[T-7#abc] Server down")).toBeNull();
    expect(parseSubjectTag(`[T-7#${TOKEN}x] Server down`)).toBeNull();
  });

  it("refuses to build a tag from a malformed token or number", () => {
    expect(() => subjectTag(7, "nope")).toThrow();
    expect(() => subjectTag("7 8", TOKEN)).toThrow();
  });
});

describe("parseTicketToken", () => {
  const none = { to: ["support@example.com"], cc: [], subject: "Server down" };

  it("round-trips through the reply address", () => {
    const address = ticketReplyAddress(TOKEN, "support@example.com");
    expect(parseTicketToken({ ...none, to: [address] })).toBe(TOKEN);
  });

  it("finds the token in Cc when To is someone else", () => {
    expect(parseTicketToken({ ...none, to: ["colleague@customer.example"], cc: [`support+t.${TOKEN}@example.com`] })).toBe(TOKEN);
  });

  it("prefers the address over the subject", () => {
    const other = "zyxwvutsrqponmlkjihgfe76";
    expect(parseTicketToken({ to: [`support+t.${TOKEN}@example.com`], cc: [], subject: `Re: ${subjectTag(1, other)} x` })).toBe(TOKEN);
  });

  it.each(["Re:", "RE:", "AW:", "Vs:", "Odp:", "Fwd:", "Re: AW: Fwd:", "Re[2]:"])("reads the subject tag behind %s", (prefix) => {
    expect(parseTicketToken({ ...none, subject: `${prefix} ${subjectTag("T-1042", TOKEN)} Server down` })).toBe(TOKEN);
  });

  it("returns null without a token", () => {
    expect(parseTicketToken(none)).toBeNull();
    expect(parseTicketToken({ ...none, to: ["support+t.short@example.com"] })).toBeNull();
  });
});

describe("cleanSubject", () => {
  it.each([
    [`Re: ${subjectTag(1042, TOKEN)} Server down`, "Server down"],
    [`AW: Re: ${subjectTag(1042, TOKEN)} Server down`, "Server down"],
    [`Vs: Server down ${subjectTag(1042, TOKEN)}`, "Server down"],
    ["Odp: Fwd: Faktúra za november", "Faktúra za november"],
    ["FW: RE: Re[3]: Ticket", "Ticket"],
    ["Vá: Számla", "Számla"],
    ["WG: Rechnung", "Rechnung"],
    ["Re：Mailbox full", "Mailbox full"],
    ["Recovery codes", "Recovery codes"],
    ["Reboot: server 3", "Reboot: server 3"],
    [`Re: ${subjectTag(5, TOKEN)}`, ""],
  ])("%s → %s", (subject, expected) => {
    expect(cleanSubject(subject)).toBe(expected);
  });
});

describe("stripQuotedReply", () => {
  it("cuts a Gmail reply at the attribution", () => {
    const text = lines(
      "Hi,",
      "",
      "the site is back up, thank you!",
      "",
      "Jane",
      "",
      "On Mon, 3 Nov 2026 at 10:00, Portico Support <support+t.abc@example.com> wrote:",
      "",
      "> Hello Jane,",
      ">",
      "> we restarted the web server.",
      ">",
    );
    expect(stripQuotedReply(text)).toBe("Hi,\n\nthe site is back up, thank you!\n\nJane");
  });

  it("cuts a Gmail attribution wrapped over two lines", () => {
    const text = lines(
      "Still broken, sorry.",
      "",
      "On Mon, 3 Nov 2026 at 10:00, Portico Support <",
      "support+t.abcdefghijklmnopqrstuv23@example.com> wrote:",
      "",
      "> Hello Jane,",
    );
    expect(stripQuotedReply(text)).toBe("Still broken, sorry.");
  });

  it("cuts an attribution wrapped so that only its tail matches on its own", () => {
    const text = lines(
      "Ďakujem, funguje to.",
      "",
      "po 3. 11. 2026 o 10:00 Portico Support <",
      "support@example.com> napísal(a):",
      "",
      "> Dobrý deň,",
    );
    expect(stripQuotedReply(text)).toBe("Ďakujem, funguje to.");
  });

  it("cuts an Apple Mail reply", () => {
    const text = lines("Thanks, that worked.", "", "Sent from my iPad", "", "On 3 Nov 2026, at 10:00, Portico <support@example.com> wrote:", "", "> Hi,", "> try again.");
    expect(stripQuotedReply(text)).toBe("Thanks, that worked.\n\nSent from my iPad");
  });

  it("cuts Outlook's -----Original Message----- block", () => {
    const text = lines(
      "Please cancel the domain.",
      "",
      "Regards,",
      "Peter",
      "",
      "-----Original Message-----",
      "From: Portico Support <support@example.com>",
      "Sent: Monday, November 3, 2026 10:00 AM",
      "To: Peter Novak <peter@customer.example>",
      "Subject: [T-1042#abcdefghijklmnopqrstuv23] Domain renewal",
      "",
      "Hello Peter,",
      "your domain expires soon.",
    );
    expect(stripQuotedReply(text)).toBe("Please cancel the domain.\n\nRegards,\nPeter");
  });

  it("cuts Outlook's underscore separator and From:/Sent: block", () => {
    const text = lines(
      "Yes, go ahead.",
      "",
      "________________________________",
      "From: Portico Support <support@example.com>",
      "Sent: Monday, 3 November 2026 10:00",
      "To: Peter Novak",
      "Subject: RE: Migration",
      "",
      "Shall we migrate tonight?",
    );
    expect(stripQuotedReply(text)).toBe("Yes, go ahead.");
  });

  it("cuts a bare From:/Sent: block (Outlook without divider, localised)", () => {
    const text = lines(
      "Köszönöm, rendben.",
      "",
      "Feladó: Portico Support <support@example.com>",
      "Elküldve: 2026. november 3., hétfő 10:00",
      "Címzett: Kovács Anna",
      "Tárgy: Számla",
      "",
      "Kedves Anna,",
      "a számla elkészült.",
    );
    expect(stripQuotedReply(text)).toBe("Köszönöm, rendben.");
  });

  it("cuts a bold *From:* *Sent:* block (Outlook rich text as plain text)", () => {
    const text = lines("Done.", "", "*From:* Portico Support <support@example.com>", "*Sent:* Monday, November 3, 2026 10:00 AM", "*To:* Peter", "", "Please confirm.");
    expect(stripQuotedReply(text)).toBe("Done.");
  });

  it("cuts a Vietnamese Gmail reply", () => {
    const text = lines(
      "Cảm ơn bạn, trang web đã hoạt động lại.",
      "",
      "Vào Th 2, 3 thg 11, 2026 vào lúc 10:00 Portico Support <support@example.com> đã viết:",
      "",
      "> Xin chào,",
      "> chúng tôi đã khởi động lại máy chủ.",
    );
    expect(stripQuotedReply(text)).toBe("Cảm ơn bạn, trang web đã hoạt động lại.");
  });

  it("cuts Slovak replies in both forms", () => {
    const gmail = lines("Ďakujem.", "", "po 3. 11. 2026 o 10:00 Portico Support <support@example.com> napísal(a):", "", "> Dobrý deň,");
    const thunderbird = lines("Ďakujem, vyriešené.", "", "Dňa 3. 11. 2026 o 10:00 Portico Support napísal:", "> Dobrý deň,", "> server beží.");
    expect(stripQuotedReply(gmail)).toBe("Ďakujem.");
    expect(stripQuotedReply(thunderbird)).toBe("Ďakujem, vyriešené.");
  });

  it("cuts Hungarian replies in both forms", () => {
    const gmail = lines("Köszönöm!", "", "Portico Support <support@example.com> ezt írta (időpont: 2026. nov. 3., H, 10:00):", "", "> Kedves Anna,");
    const thunderbird = lines("Rendben.", "", "2026. 11. 03. 10:00 keltezéssel, Portico Support írta:", "> Kedves Anna,");
    expect(stripQuotedReply(gmail)).toBe("Köszönöm!");
    expect(stripQuotedReply(thunderbird)).toBe("Rendben.");
  });

  it("keeps a Hungarian sentence ending in írta: that is not an attribution", () => {
    const text = lines("A rendszer ezt írta:", "", "Error 500: internal server error", "", "Mit tegyek?");
    expect(stripQuotedReply(text)).toBe(text);
  });

  it("cuts German replies in both forms", () => {
    const outlook = lines("Danke, erledigt.", "", "Am 03.11.2026 um 10:00 schrieb Portico Support <support@example.com>:", "", "> Hallo Herr Müller,");
    const thunderbird = lines("Passt.", "", "Portico Support schrieb am 03.11.2026 um 10:00:", "> Hallo,");
    expect(stripQuotedReply(outlook)).toBe("Danke, erledigt.");
    expect(stripQuotedReply(thunderbird)).toBe("Passt.");
  });

  it("matches attributions written with non-breaking spaces and CRLF line ends", () => {
    const text = "Merci.\r\n\r\nLe lun. 3 nov. 2026 à 10:00, Portico <support@example.com> a\u00a0écrit\u00a0:\r\n> Bonjour";
    expect(stripQuotedReply(text)).toBe("Merci.");
  });

  it("drops a trailing >-quoted block without an attribution", () => {
    const text = lines("Works now.", "", "> Please try again.", "> ", "> Portico Support", "");
    expect(stripQuotedReply(text)).toBe("Works now.");
  });

  it("keeps answers written between quoted lines", () => {
    const text = lines("> Which server?", "web-3", "", "> Since when?", "Since this morning.", "", "> Any error message?", ">");
    expect(stripQuotedReply(text)).toBe(lines("> Which server?", "web-3", "", "> Since when?", "Since this morning."));
  });

  it("drops a trailing -- signature", () => {
    const text = lines("Please renew the certificate.", "", "-- ", "Jane Doe", "CTO, Customer Ltd.", "+421 900 000 000");
    expect(stripQuotedReply(text)).toBe("Please renew the certificate.");
  });

  it("drops a signature and the quoted history after it", () => {
    const text = lines("See the attached log.", "--", "Jane", "", "On Mon, 3 Nov 2026 at 10:00, Portico <support@example.com> wrote:", "> Can you send the log?");
    expect(stripQuotedReply(text)).toBe("See the attached log.");
  });

  it("keeps text written below the quote (bottom-posting)", () => {
    const text = lines("On Mon, 3 Nov 2026 at 10:00, Portico <support@example.com> wrote:", "> Is the site up again?", "", "Yes, it is, thanks.");
    expect(stripQuotedReply(text)).toBe("Yes, it is, thanks.");
  });

  it("keeps text typed into the quoted Outlook message", () => {
    const text = lines("From: Portico Support <support@example.com>", "Sent: Monday, November 3, 2026 10:00 AM", "To: Peter", "", "Which domains should we renew?", "All of them, please.");
    expect(stripQuotedReply(text)).toBe("Which domains should we renew?\nAll of them, please.");
  });

  it("never returns empty when the message is only a signature", () => {
    expect(stripQuotedReply("-- \nJane Doe")).toBe("-- \nJane Doe");
  });

  it("returns empty only when everything is quoted", () => {
    expect(stripQuotedReply("> a\n> b\n")).toBe("");
    expect(stripQuotedReply("  \n ")).toBe("");
  });

  it("leaves a message without history alone (trimmed)", () => {
    expect(stripQuotedReply("\n  Hello,\n\nmy VPS does not boot.\n\n")).toBe("Hello,\n\nmy VPS does not boot.");
  });

  it("does not mistake prose for an attribution", () => {
    const text = lines("On Monday the backup job wrote: 'disk full'.", "From: the monitoring, I guess.", "", "What now?");
    expect(stripQuotedReply(text)).toBe(text);
  });
});
