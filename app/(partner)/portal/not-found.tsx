import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PortalNotFound() {
  return (
    <EmptyState title="Not found" action={<LinkButton href="/portal/referrals">Back to your referrals</LinkButton>}>
      This page does not exist, or it belongs to another account.
    </EmptyState>
  );
}
