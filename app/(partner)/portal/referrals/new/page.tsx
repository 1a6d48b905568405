import Link from "next/link";
import { connection } from "next/server";
import { ReferralForm } from "@/components/portal/referral-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { portalContext } from "@/lib/portal/context";
import { MANUAL_SOURCES, PARTNER_ATTESTATION_TEXT } from "@/lib/referrals/submit";
import { submitReferralAction } from "./actions";

export const metadata = { title: "Submit a referral" };

export default async function NewReferralPage() {
  await connection();
  const { partner } = await portalContext();
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        back={
          <Link href="/portal/referrals" className="text-brand-700 hover:underline">
            ← All referrals
          </Link>
        }
        title="Submit a referral"
        description="Met someone who needs insurance, in person or on the phone? Send us their details and we will contact them. The referral counts for you like one through your link."
      />
      {partner.status === "ACTIVE" ? (
        <ReferralForm action={submitReferralAction} sources={MANUAL_SOURCES} attestation={PARTNER_ATTESTATION_TEXT} />
      ) : (
        <EmptyState title="Submitting referrals needs an active account">
          Your account is {partner.status.toLowerCase()}. Contact the program team.
        </EmptyState>
      )}
    </div>
  );
}
