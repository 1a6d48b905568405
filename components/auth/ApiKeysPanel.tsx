import { asc } from "drizzle-orm";
import { getDb } from "@/db";
import { partners } from "@/db/schema";
import { listApiKeys } from "@/lib/auth/api-keys";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./ApiKeyForms";

const fmt = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

/** API keys for the admin settings: list with last use, create (secret shown once), revoke. Server component. */
export async function ApiKeysPanel() {
  const db = await getDb();
  const [{ rows }, partnerRows] = await Promise.all([
    listApiKeys(db, { limit: 100, offset: 0 }),
    db
      .select({
        id: partners.id,
        firstName: partners.firstName,
        lastName: partners.lastName,
        companyName: partners.companyName,
      })
      .from(partners)
      .orderBy(asc(partners.lastName))
      .limit(1000),
  ]);
  const names = new Map(
    partnerRows.map((p) => [p.id, `${p.firstName} ${p.lastName}${p.companyName ? ` (${p.companyName})` : ""}`]),
  );
  return (
    <section aria-labelledby="api-keys" className="flex flex-col gap-4">
      <h2 id="api-keys" className="text-xl font-semibold">
        API keys
      </h2>
      <p className="text-sm text-slate-600">
        Integrations send a key as <code>Authorization: Bearer rp_…</code> or <code>X-API-Key</code>. Only a hash is
        stored.
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Key</th>
              <th className="px-3 py-2">Acts as</th>
              <th className="px-3 py-2">Created</th>
              <th className="px-3 py-2">Last used</th>
              <th className="px-3 py-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  No API keys yet. Create one for each integration, so each can be revoked on its own.
                </td>
              </tr>
            )}
            {rows.map((k) => (
              <tr key={k.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-medium">{k.name}</td>
                <td className="px-3 py-2 font-mono">rp_{k.prefix}_…</td>
                <td className="px-3 py-2">
                  {k.role === "ADMIN" ? "Admin" : `Partner: ${names.get(k.partnerId ?? "") ?? k.partnerId}`}
                </td>
                <td className="px-3 py-2">{fmt(k.createdAt)}</td>
                <td className="px-3 py-2">{fmt(k.lastUsedAt)}</td>
                <td className="px-3 py-2">
                  {k.revokedAt ? (
                    <span className="text-slate-500">Revoked {fmt(k.revokedAt)}</span>
                  ) : (
                    <RevokeApiKeyButton id={k.id} name={k.name} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateApiKeyForm partners={partnerRows.map((p) => ({ id: p.id, label: names.get(p.id)! }))} />
    </section>
  );
}
