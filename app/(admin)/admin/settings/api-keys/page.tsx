import { connection } from "next/server";
import { ApiKeysPanel } from "@/components/auth/ApiKeysPanel";
import { requireAdmin } from "@/lib/auth/session";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await connection();
  await requireAdmin();
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-6 px-6 py-10">
      <ApiKeysPanel />
    </main>
  );
}
