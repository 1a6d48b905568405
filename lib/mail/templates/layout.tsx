/* eslint-disable @next/next/no-head-element, @next/next/no-img-element -- an e-mail document, not a Next page */
import type { ReactNode } from "react";

export interface Brand {
  name: string;
  logoUrl: string | null;
  accent: string;
  /** The public origin every link starts with. */
  origin: string;
}

export interface MailFooter {
  /** Why this person gets this mail, one sentence. */
  reason: string;
  preferencesUrl?: string;
  unsubscribeUrl?: string;
}

const font = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** The frame of every e-mail: brand bar, content card, footer with the reason and the unsubscribe link. */
export function EmailLayout({
  brand,
  preheader,
  footer,
  children,
}: {
  brand: Brand;
  preheader: string;
  footer: MailFooter;
  children: ReactNode;
}) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{preheader}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: "#f1f5f9", fontFamily: font, color: "#0f172a" }}>
        <div data-text="skip" style={{ display: "none", maxHeight: 0, overflow: "hidden" }}>
          {preheader}
        </div>
        <table role="presentation" width="100%" cellPadding={0} style={{ borderCollapse: "collapse" }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: "24px 12px" }}>
                <table
                  role="presentation"
                  width="100%"
                  cellPadding={0}
                  style={{ maxWidth: 560, borderCollapse: "collapse", backgroundColor: "#ffffff", borderRadius: 8 }}
                >
                  <tbody>
                    <tr>
                      <td style={{ padding: "20px 24px", borderBottom: `3px solid ${brand.accent}` }}>
                        {brand.logoUrl ? (
                          <img src={brand.logoUrl} alt={brand.name} height={32} style={{ display: "block" }} />
                        ) : null}
                        <div style={{ fontSize: 16, fontWeight: 600 }}>{brand.name}</div>
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "24px", fontSize: 15, lineHeight: "22px" }}>{children}</td>
                    </tr>
                  </tbody>
                </table>
                <table role="presentation" width="100%" cellPadding={0} style={{ maxWidth: 560 }}>
                  <tbody>
                    <tr>
                      <td style={{ padding: "16px 24px", fontSize: 12, lineHeight: "18px", color: "#475569" }}>
                        <hr style={{ border: "none", borderTop: "1px solid #cbd5e1" }} />
                        <p style={{ margin: 0 }}>{footer.reason}</p>
                        {footer.unsubscribeUrl ? (
                          <p style={{ margin: "8px 0 0" }}>
                            <a href={footer.unsubscribeUrl} style={{ color: "#475569" }}>
                              Unsubscribe from these e-mails
                            </a>
                          </p>
                        ) : null}
                        {footer.preferencesUrl ? (
                          <p style={{ margin: "8px 0 0" }}>
                            <a href={footer.preferencesUrl} style={{ color: "#475569" }}>
                              Choose which e-mails you get
                            </a>
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}
