import QRCode from "qrcode";

/** A QR code drawn by the `qrcode` library as inline SVG (server-rendered, no script needed). */
export async function QrCode({ value, size = 176, label }: { value: string; size?: number; label: string }) {
  const svg = await QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M", width: size });
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="qr-code"
      className="inline-block rounded bg-white p-2"
      style={{ width: size + 16 }}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
