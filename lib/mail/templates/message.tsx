import { EmailLayout, type Brand, type MailFooter } from "./layout";

/** What one e-mail says; every event's template fills one in (lib/mail/events.ts). */
export interface MailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label / value rows (amounts, methods, reasons). */
  facts?: [string, string][];
  /** The button: a path on the site (made absolute here) and its label. */
  action?: { label: string; path: string };
  /** The same event in the in-app inbox (null: no inbox row, e.g. a sign-in link). */
  inbox?: { title: string; body: string } | null;
}

export const absolute = (brand: Brand, path: string) => new URL(path, brand.origin).toString();

/** One message: heading, paragraphs, facts, a button. */
export function Message({ brand, content, footer }: { brand: Brand; content: MailContent; footer: MailFooter }) {
  return (
    <EmailLayout brand={brand} preheader={content.subject} footer={footer}>
      <h1 style={{ margin: "0 0 16px", fontSize: 20, lineHeight: "28px" }}>{content.heading}</h1>
      {content.paragraphs.map((p, i) => (
        <p key={i} style={{ margin: "0 0 12px" }}>
          {p}
        </p>
      ))}
      {content.facts?.length ? (
        <table role="presentation" cellPadding={0} style={{ margin: "8px 0 16px", borderCollapse: "collapse" }}>
          <tbody>
            {content.facts.map(([label, value]) => (
              <tr key={label}>
                <td style={{ padding: "4px 16px 4px 0", color: "#475569" }}>{label}:</td>
                <td style={{ padding: "4px 0", fontWeight: 600 }}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {content.action ? (
        <p style={{ margin: "20px 0 0" }}>
          <a
            href={absolute(brand, content.action.path)}
            style={{
              display: "inline-block",
              padding: "10px 18px",
              borderRadius: 6,
              backgroundColor: brand.accent,
              color: "#ffffff",
              textDecoration: "none",
              fontWeight: 600,
            }}
          >
            {content.action.label}
          </a>
        </p>
      ) : null}
    </EmailLayout>
  );
}
