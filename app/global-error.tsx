"use client";

// Last resort when the root layout itself fails: next-intl may be what failed, so the few words
// here carry their own translations, picked by the browser's language.
const TEXT = {
  en: { title: "Portico is having trouble", body: "Something went wrong on our side. Please try again in a moment.", retry: "Try again" },
  vi: { title: "Portico đang gặp sự cố", body: "Đã xảy ra lỗi từ phía chúng tôi. Vui lòng thử lại sau giây lát.", retry: "Thử lại" },
  sk: { title: "Portico má problém", body: "Na našej strane sa niečo pokazilo. Skúste to o chvíľu znova.", retry: "Skúsiť znova" },
  hu: { title: "A Portico hibába ütközött", body: "Valami hiba történt nálunk. Kérjük, próbáld újra egy kis idő múlva.", retry: "Újrapróbálás" },
} as const;

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = (typeof navigator === "undefined" ? "en" : navigator.language.slice(0, 2)) as keyof typeof TEXT;
  const t = TEXT[lang] ?? TEXT.en;
  return (
    <html lang={TEXT[lang] ? lang : "en"} suppressHydrationWarning>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem 1rem", textAlign: "center" }} suppressHydrationWarning>
        <h1>{t.title}</h1>
        <p>{t.body}</p>
        <button type="button" onClick={() => reset()} style={{ marginTop: "1rem", padding: "0.5rem 1rem" }}>
          {t.retry}
        </button>
      </body>
    </html>
  );
}
