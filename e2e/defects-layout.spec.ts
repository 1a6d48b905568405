import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";

/** Words of an element's text that the browser split across two lines (a mid-word break). */
async function brokenWords(el: Locator): Promise<string[]> {
  return el.evaluate((node) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const text = t.textContent ?? "";
      for (const m of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(t, m.index!);
        range.setEnd(t, m.index! + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  });
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 1024, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`partner details at ${viewport.width} px: a definition list in readable columns, e-mail and codes whole`, async ({
    adminPage: page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto("/admin/partners?q=partner%40demo.test");
    await page.getByRole("link", { name: "Demo Partner" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo Partner");

    const details = page.getByRole("region", { name: "Details" });
    const list = details.locator("dl");
    await expect(list.locator("dt").first()).toBeVisible();
    const email = list
      .locator("div")
      .filter({ has: page.locator("dt", { hasText: "E-mail" }) })
      .locator("dd");
    const codes = list
      .locator("div")
      .filter({ has: page.locator("dt", { hasText: "Codes" }) })
      .locator("dd");
    await expect(email).toHaveText("partner@demo.test");
    await expect(codes).toContainText("DEMPAR0001");
    expect(await brokenWords(email)).toEqual([]);
    expect(await brokenWords(codes)).toEqual([]);

    // The card is as wide as the page's content, so its columns are not squeezed.
    const card = await details.boundingBox();
    const main = await page.getByRole("main").boundingBox();
    expect(card!.width).toBeGreaterThan(main!.width * 0.8);
    const term = await list.locator("dd").first().boundingBox();
    expect(term!.width).toBeGreaterThanOrEqual(Math.min(200, card!.width - 48));
  });
}
