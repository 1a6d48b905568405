import { beforeAll, describe, expect, it } from "vitest";
import * as leadsApi from "@/app/api/v1/leads/route";
import * as partnersApi from "@/app/api/v1/partners/route";
import * as payoutsApi from "@/app/api/v1/payouts/route";
import * as referralsApi from "@/app/api/v1/referrals/route";
import * as rewardsApi from "@/app/api/v1/rewards/route";
import { leadListSchema, listLeads } from "@/lib/leads/queries";
import { listPartners, partnerListSchema } from "@/lib/partners/queries";
import { listPayouts, payoutListSchema } from "@/lib/payouts/queries";
import { listFirstPageOnBadCursor, parseListSafe, type ListResult } from "@/lib/query/list";
import { COUNT_CAP, type ListOptions } from "@/lib/query/run";
import { listReferrals, referralListSchema } from "@/lib/referrals/queries";
import { listRewards, rewardListSchema } from "@/lib/rewards/queries";
import { call, apiSuite, type ApiTest } from "../helpers/http";
import { seedProgram } from "./fixtures";

type Input = Record<string, string>;
type Lister = (
  db: ApiTest["db"],
  scope: object,
  input: Input,
  opts?: ListOptions,
) => Promise<ListResult<{ id: string }>>;

/**
 * The admin list pages and GET /api/v1/… call one list layer: for the same q, filters, sort and page
 * they show the same rows in the same order with the same count (below the pages' count cap).
 */
describe("admin lists agree with the API", () => {
  const { t, admin } = apiSuite({ admin: true });
  let s: Awaited<ReturnType<typeof seedProgram>>;
  beforeAll(async () => {
    s = await seedProgram(t.handle);
  });

  /** What an admin list page does with its search params: the shared parser, then the list in the admin scope. */
  async function adminPage(schema: Parameters<typeof parseListSafe>[0], list: Lister, input: Input) {
    const parsed = parseListSafe(schema, input);
    expect(parsed.errors).toEqual([]);
    const { result } = await listFirstPageOnBadCursor(parsed.params as Input, (p) =>
      list(t.db, {}, p, { countCap: COUNT_CAP }),
    );
    return result;
  }

  const resources: {
    name: string;
    api: typeof leadsApi.GET;
    schema: Parameters<typeof parseListSafe>[0];
    list: Lister;
    inputs: Input[];
  }[] = [
    {
      name: "leads",
      api: leadsApi.GET,
      schema: leadListSchema,
      list: listLeads as unknown as Lister,
      inputs: [
        {},
        { q: "dana" },
        { q: "CRM-9" },
        { q: "555-987" },
        { status: "lost" },
        { insuranceType: "auto,home", sort: "lastName" },
        { pageSize: "2", page: "2" },
      ],
    },
    {
      name: "referrals",
      api: referralsApi.GET,
      schema: referralListSchema,
      list: listReferrals as unknown as Lister,
      inputs: [
        {},
        { q: "bob ray" },
        { q: "dana" },
        { status: "paid,Converted" },
        { source: "email" },
        { sort: "-conversionValueCents", status: "PAID,CONVERTED" },
        { pageSize: "3", page: "2" },
      ],
    },
    {
      name: "partners",
      api: partnersApi.GET,
      schema: partnerListSchema,
      list: listPartners as unknown as Lister,
      inputs: [
        {},
        { view: "applications" },
        { q: "harbor" },
        { q: "annlee0001" },
        { status: "active,suspended", sort: "lastName" },
        { sort: "-commissionRateBps" },
      ],
    },
    {
      name: "payouts",
      api: payoutsApi.GET,
      schema: payoutListSchema,
      list: listPayouts as unknown as Lister,
      inputs: [{}, { status: "paid", paymentMethod: "paypal" }, { q: "ann lee" }, { q: "TXN-1" }, { status: "FAILED" }],
    },
    {
      name: "rewards",
      api: rewardsApi.GET,
      schema: rewardListSchema,
      list: listRewards as unknown as Lister,
      inputs: [{}, { status: "approved" }, { q: "ann" }, { type: "conversion", sort: "-amountCents" }],
    },
  ];

  describe.each(resources)("$name", ({ name, api, schema, list, inputs }) => {
    it.each(inputs)("same rows and count for %j", async (input) => {
      const res = await call(api, `GET /api/v1/${name}`, { headers: admin.headers, query: input });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const page = await adminPage(schema, list, input);
      expect(page.data.map((r) => r.id)).toEqual(res.body.data.map((r: { id: string }) => r.id));
      expect(page.pagination.total).toBe(res.body.pagination.total);
      expect(page.pagination.totalCapped).toBe(false);
    });
  });

  it("the fixture makes the cases tell rows apart", async () => {
    const ids = async (list: Lister, input: Input) => (await list(t.db, {}, input)).data.map((r) => r.id);
    expect(await ids(listLeads as unknown as Lister, { q: "CRM-9" })).toEqual([s.leads.l3.id]);
    expect((await ids(listReferrals as unknown as Lister, {})).length).toBe(4);
    expect(await ids(listPartners as unknown as Lister, { view: "applications" })).toEqual([s.cat.id]);
  });

  it("a count cap stops the count and says so; without one the count is exact", async () => {
    const capped = await listReferrals(t.db, {}, { pageSize: 1 }, { countCap: 2 });
    expect(capped.pagination).toMatchObject({ total: 2, totalCapped: true });
    const exact = await listReferrals(t.db, {}, { pageSize: 1 });
    expect(exact.pagination.total).toBe(4);
    expect(exact.pagination).not.toHaveProperty("totalCapped");
  });
});
