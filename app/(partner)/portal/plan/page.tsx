import { connection } from "next/server";
import { BadgeList, GoalList } from "@/components/portal/achievements";
import { Card } from "@/components/ui/card";
import { formatBps, formatCount, formatMoney } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { partnerPlan } from "@/lib/commissions/partner-plan";
import { portalContext } from "@/lib/portal/context";
import { notFound } from "next/navigation";

export const metadata = { title: { absolute: "How you earn · Partner portal" } };

const metricWord = (metric: string, n: number, currency: string) =>
  metric === "CONVERSIONS" ? `${formatCount(n)} conversions` : `${formatMoney(n, currency)} of conversions`;

export default async function PlanPage() {
  await connection();
  const { db, partner } = await portalContext();
  const plan = await partnerPlan(db, partner.id);
  if (!plan) notFound();
  const currency = plan.plan?.currency ?? partner.currency;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="How you earn"
        description={
          plan.plan
            ? `Your plan: ${plan.plan.name} (version ${plan.plan.version}).`
            : "Your plan has no version in force yet."
        }
      />
      <Card title="What you are paid">
        {plan.overrideDescription && <p className="mb-2 text-sm font-medium">{plan.overrideDescription}</p>}
        <ul aria-label="Your plan's rules" className="list-disc pl-5 text-sm">
          {plan.rules.map((r) => (
            <li key={r.id}>
              {r.name ? <strong>{r.name}: </strong> : null}
              {r.description}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600">
          When several rules fit a policy, the most specific one applies.
          {plan.monthlyCapCents !== null
            ? ` Your rewards are capped at ${formatMoney(plan.monthlyCapCents, currency)} a month.`
            : ""}
        </p>
      </Card>
      {plan.tier && (
        <Card title="Your tier">
          <p className="text-sm">
            {plan.tier.current ? (
              <>
                You are on the <strong>{plan.tier.current.name}</strong> tier
                {plan.tier.current.rateBps !== null
                  ? `, earning ${formatBps(plan.tier.current.rateBps)}`
                  : `, earning ${formatBps(plan.tier.current.multiplierBps! - 10_000)} more`}
                .
              </>
            ) : (
              "You have not reached a tier yet."
            )}{" "}
            You have {metricWord(plan.tier.metric, plan.tier.value, currency)}{" "}
            {plan.tier.window === "QUARTER" ? "this quarter" : `in the last ${plan.tier.window} days`}.
          </p>
          {plan.tier.next && (
            <div className="mt-2">
              <p className="text-sm">
                {metricWord(plan.tier.metric, plan.tier.next.remaining, currency)} to {plan.tier.next.name}
              </p>
              <ProgressBar
                label={`Progress to ${plan.tier.next.name}`}
                max={plan.tier.next.threshold}
                value={plan.tier.value}
                valueText={metricWord(plan.tier.metric, plan.tier.value, currency)}
              />
            </div>
          )}
        </Card>
      )}
      <Card title="Goals">
        <GoalList goals={plan.goals} currency={currency} />
      </Card>
      <Card title="Badges">
        <BadgeList badges={plan.badges} />
      </Card>
    </div>
  );
}
