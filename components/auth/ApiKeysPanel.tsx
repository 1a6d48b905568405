import { asc } from "drizzle-orm";
import { getDb } from "@/db";
import { partners } from "@/db/schema";
import { listApiKeys } from "@/lib/auth/api-keys";
import { DateTime, EmptyState, Table, Td, Tr } from "@/components/ui";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./ApiKeyForms";

/**
 * API keys for the admin settings: list with last use, create (secret shown once), revoke. Server component.
 * `heading={false}` when the page's own h1 already names it.
 */
export async function ApiKeysPanel({ heading = true }: { heading?: boolean }) {
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
    <section
      aria-labelledby={heading ? "api-keys" : undefined}
      aria-label={heading ? undefined : "API keys"}
      className="flex flex-col gap-4"
    >
      {heading ? (
        <h2 id="api-keys" className="text-xl font-semibold">
          API keys
        </h2>
      ) : null}
      <p className="text-sm text-slate-600">
        Integrations send a key as <code>Authorization: Bearer rp_…</code> or <code>X-API-Key</code>. Only a hash is
        stored.
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No API keys yet">
          Create one for each integration, so each can be revoked on its own.
        </EmptyState>
      ) : (
        <Table caption="Issued keys" head={["Name", "Key", "Acts as", "Created", "Last used", "Status"]}>
          {rows.map((k) => (
            <Tr key={k.id}>
              <Td className="font-medium">{k.name}</Td>
              <Td className="font-mono">rp_{k.prefix}_…</Td>
              <Td>{k.role === "ADMIN" ? "Admin" : `Partner: ${names.get(k.partnerId ?? "") ?? k.partnerId}`}</Td>
              <Td>
                <DateTime value={k.createdAt} />
              </Td>
              <Td>{k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : "never"}</Td>
              <Td>
                {k.revokedAt ? (
                  <span className="text-slate-500">
                    Revoked <DateTime value={k.revokedAt} />
                  </span>
                ) : (
                  <RevokeApiKeyButton id={k.id} name={k.name} />
                )}
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      <CreateApiKeyForm partners={partnerRows.map((p) => ({ id: p.id, label: names.get(p.id)! }))} />
    </section>
  );
}
