import { describe, expect, it } from "vitest";
import { referralLink, refParamLink, type LinkOptions } from "@/components/portal/share-links";

const ORIGIN = "https://quotes.example.com";

describe("share links read as typed and stay valid", () => {
  it.each<[LinkOptions, string]>([
    [{ to: "/quote/auto" }, "https://quotes.example.com/r/DEMPAR0001?to=/quote/auto"],
    [{ to: "/quote" }, "https://quotes.example.com/r/DEMPAR0001"],
    [
      { to: "/quote/home", sub: "issue 12", utmSource: "news&letter", utmCampaign: "a=b+c#d%" },
      "https://quotes.example.com/r/DEMPAR0001?to=/quote/home&sub=issue%2012&utm_source=news%26letter&utm_campaign=a%3Db%2Bc%23d%25",
    ],
    [
      { utmSource: "partner@site.com", utmMedium: "a,b:c" },
      "https://quotes.example.com/r/DEMPAR0001?utm_source=partner@site.com&utm_medium=a,b:c",
    ],
  ])("%o → %s", (options, expected) => {
    const link = referralLink(ORIGIN, "DEMPAR0001", options);
    expect(link).toBe(expected);
    // What a browser reads back from the link is exactly what was typed.
    const params = new URL(link).searchParams;
    const names = {
      to: "to",
      sub: "sub",
      utmSource: "utm_source",
      utmMedium: "utm_medium",
      utmCampaign: "utm_campaign",
    };
    for (const [key, param] of Object.entries(names) as [keyof LinkOptions, string][])
      expect(params.get(param)).toBe(key === "to" && options.to === "/quote" ? null : (options[key] ?? null));
  });

  it("the ?ref= form", () => {
    expect(refParamLink(ORIGIN, "DEMPAR0001")).toBe("https://quotes.example.com/quote?ref=DEMPAR0001");
  });
});
