import { EmptyState } from "@/components/ui/empty-state";
import { formatCount, formatMoney } from "@/components/ui/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Badge } from "@/components/ui/status-badge";
import type { PartnerPlan } from "@/lib/commissions/partner-plan";

const amount = (kind: string, n: number, currency: string) =>
  kind === "MONTHLY_VALUE" ? formatMoney(n, currency) : formatCount(n);

/** The plan's goals (bonuses) with a progress bar each: on the dashboard and on How you earn. */
export function GoalList({ goals, currency }: { goals: PartnerPlan["goals"]; currency: string }) {
  if (goals.length === 0) return <EmptyState title="No goals on your plan" />;
  return (
    <ul aria-label="Your goals" className="flex flex-col gap-3">
      {goals.map((g) => {
        const progress = `${amount(g.kind, Math.min(g.progress, g.target), currency)} of ${amount(g.kind, g.target, currency)}`;
        return (
          <li key={g.id} className="flex flex-col gap-1" data-testid={`goal-${g.id}`}>
            <p className="text-sm">
              <strong>{g.name}</strong>: {g.description} ({progress}){g.reached ? " — reached" : ""}
            </p>
            <ProgressBar label={g.name} value={g.progress} max={g.target} valueText={progress} />
          </li>
        );
      })}
    </ul>
  );
}

/** Badges earned for milestones: first referral, first conversion, 10 and 100 conversions, each tier reached. */
export function BadgeList({ badges }: { badges: PartnerPlan["badges"] }) {
  if (badges.length === 0) return <EmptyState title="No badges yet">Your first referral earns one.</EmptyState>;
  return (
    <ul aria-label="Your badges" className="flex flex-wrap gap-2">
      {badges.map((b) => (
        <li key={b.id}>
          <Badge tone={b.id.startsWith("tier-") ? "purple" : "green"}>{b.name}</Badge>
        </li>
      ))}
    </ul>
  );
}
