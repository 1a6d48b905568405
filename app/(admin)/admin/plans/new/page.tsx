import type { Metadata } from "next";
import { PlanEditor } from "@/components/admin/plans/PlanEditor";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New commission plan" };

export default async function NewPlanPage() {
  await requireAdmin();
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="New commission plan" description="Saved as version 1, in force from now." />
      <PlanEditor />
    </div>
  );
}
