import Link from "next/link";
import { connection } from "next/server";
import { PageHeader } from "@/components/ui/page-header";
import { ApiKeysPanel } from "@/components/auth/ApiKeysPanel";
import { requireAdmin } from "@/lib/auth/session";

export const metadata = { title: "API keys" };

/** The API keys on a page of their own, inside the console's frame like the other settings. */
export default async function ApiKeysPage() {
  await connection();
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for integrations. The program defaults are on the{" "}
            <Link href="/admin/settings" className="font-medium text-brand-700 underline hover:no-underline">
              settings page
            </Link>
            .
          </>
        }
      />
      <ApiKeysPanel heading={false} />
    </>
  );
}
