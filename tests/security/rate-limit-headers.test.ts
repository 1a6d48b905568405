import { describe, expect, it } from "vitest";
import { GET as validateCode } from "@/app/api/v1/partners/validate-referral-code/route";
import { call, apiSuite } from "../helpers/http";
import { setEnv } from "../helpers/env";

apiSuite();

describe("every rate-limited route says where the caller stands (RateLimit-* fields)", () => {
  it("public code validation: Limit, Remaining and Reset on each answer; Retry-After on the 429", async () => {
    setEnv({ RATE_LIMIT_CODE: "2" });
    try {
      const ask = () =>
        call(validateCode, "GET /api/v1/partners/validate-referral-code", {
          query: { code: "NOPE000001" },
          headers: { "x-forwarded-for": "192.0.2.77" },
        });
      const answers = [await ask(), await ask(), await ask()];
      // A window boundary may fall between the calls: the counts restart then, never exceed the limit.
      for (const r of answers) {
        expect(r.headers.get("ratelimit-limit")).toBe("2");
        expect(Number(r.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
        expect(Number(r.headers.get("ratelimit-remaining"))).toBeGreaterThanOrEqual(0);
      }
      expect(answers[0].headers.get("ratelimit-remaining")).toBe("1");
      const refused = answers.find((r) => r.status === 429) ?? (await ask());
      expect(refused.status).toBe(429);
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      setEnv({ RATE_LIMIT_CODE: undefined });
    }
  });
});
