import { and, eq, gte, inArray, lt, lte, type SQL } from "drizzle-orm";
import { rewards } from "@/db/schema";
import type { RewardFilter } from "./schemas";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `to` as a bare date includes that whole (UTC) day; with a time it is inclusive as given. */
export function rewardFilterWhere(f: RewardFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [
    f.status?.length ? inArray(rewards.status, f.status) : undefined,
    f.partnerId ? eq(rewards.partnerId, f.partnerId) : undefined,
    f.referralId ? eq(rewards.referralId, f.referralId) : undefined,
    f.from ? gte(rewards.createdAt, new Date(f.from)) : undefined,
    f.to
      ? DATE_ONLY.test(f.to)
        ? lt(rewards.createdAt, new Date(new Date(f.to).getTime() + 86_400_000))
        : lte(rewards.createdAt, new Date(f.to))
      : undefined,
  ];
  return and(...conds.filter((c) => c !== undefined));
}
