import type { Metadata } from "next";
import { connection } from "next/server";
import { PageHeader } from "@/components/ui/page-header";
import { PartnerForm } from "@/components/admin/partners/PartnerForm";
import { partnerFormDefaults } from "@/lib/partners/form";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New partner" };

export default async function NewPartnerPage() {
  await requireAdmin();
  await connection();
  return (
    <>
      <PageHeader
        title="New partner"
        description="Partners created here start active. You get an invitation link to send them so they can set a password."
      />
      <PartnerForm mode="create" initial={partnerFormDefaults()} />
    </>
  );
}
