import QRCode from "qrcode";
import { QrDownloads, qrFiles } from "./qr-downloads";

/**
 * A QR code drawn by the `qrcode` library as inline SVG (server-rendered, no script needed), with
 * PNG and SVG downloads for print.
 */
export async function QrCode({ value, size = 176, label }: { value: string; size?: number; label: string }) {
  const [svg, files] = await Promise.all([
    QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M", width: size }),
    qrFiles(value),
  ]);
  return (
    <div className="flex flex-col items-start gap-2">
      <div
        role="img"
        aria-label={label}
        data-testid="qr-code"
        className="inline-block rounded bg-white p-2"
        style={{ width: size + 16 }}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <QrDownloads {...files} />
    </div>
  );
}
