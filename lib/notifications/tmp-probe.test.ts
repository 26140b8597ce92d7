import { createTranslator } from "next-intl";
test("probe", () => {
  const t = createTranslator({ locale: "en", messages: { email: { hi: "Hello {name}" } }, namespace: "email" });
  expect(t("hi", { name: "A" })).toBe("Hello A");
});
