import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { PageHeader } from "@/components/ui/page-header";
import { PartnerForm } from "@/components/admin/partners/PartnerForm";
import { getDb } from "@/db";
import { partnerFormDefaults } from "@/lib/partners/form";
import { getPartner } from "@/lib/partners/queries";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Edit partner" };

export default async function EditPartnerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  const p = await getPartner(await getDb(), {}, id);
  if (!p) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${p.firstName} ${p.lastName}`}
        description="Status and referral code are changed on the partner page."
      />
      <PartnerForm mode="edit" partnerId={p.id} initial={partnerFormDefaults(p)} />
    </>
  );
}
