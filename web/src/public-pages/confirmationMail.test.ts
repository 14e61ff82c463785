import { describe, expect, it } from "vitest";
import { confirmationMailAddress, confirmationMailField } from "./confirmationMail";
import type { PublicFormPage } from "./publicApi";

const page = (confirmationMail?: { toField: string }): PublicFormPage => ({
  title: "給付金申請",
  description: "",
  theme: { primaryColor: "#1f4e8c", backgroundColor: "#ffffff", textColor: "#1a1a1a", fontScale: 1 },
  logo: "",
  fields: [
    { code: "name", type: "SINGLE_LINE_TEXT", label: "氏名", help: "", required: true },
    { code: "email", type: "LINK", label: "メールアドレス", help: "", required: false, protocol: "MAIL" },
  ],
  attachments: { maxBytes: 1024, maxCount: 1, types: [] },
  state: "open",
  ...(confirmationMail ? { confirmationMail } : {}),
});

describe("confirmation mail notice", () => {
  it("names the mail field only when the server says a mail is sent", () => {
    expect(confirmationMailField(page())).toBeNull();
    expect(confirmationMailField(page({ toField: "email" }))).toBe("email");
  });

  it("ignores a mail field that is not on the form", () => {
    expect(confirmationMailField(page({ toField: "gone" }))).toBeNull();
  });

  it("gives the address as entered, trimmed, and none for an empty field", () => {
    const p = page({ toField: "email" });
    expect(confirmationMailAddress(p, { email: " hanako@example.jp " })).toBe("hanako@example.jp");
    expect(confirmationMailAddress(p, { email: "  " })).toBeNull();
    expect(confirmationMailAddress(p, {})).toBeNull();
    expect(confirmationMailAddress(page(), { email: "hanako@example.jp" })).toBeNull();
  });
});
