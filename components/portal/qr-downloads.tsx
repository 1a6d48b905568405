import QRCode from "qrcode";

/** Print-size files of a link's QR code as data URLs (PNG 1024 px, scalable SVG). Runs on server and client. */
export async function qrFiles(value: string): Promise<{ png: string; svg: string }> {
  const opts = { margin: 2, errorCorrectionLevel: "M" as const };
  const [png, svg] = await Promise.all([
    QRCode.toDataURL(value, { ...opts, type: "image/png", width: 1024 }),
    QRCode.toString(value, { ...opts, type: "svg" }),
  ]);
  return { png, svg: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` };
}

/** Download links for a QR code; `name` is the file name without extension. */
export function QrDownloads({ png, svg, name = "referral-qr-code" }: { png: string; svg: string; name?: string }) {
  const link =
    "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Download the QR code">
      <a href={png} download={`${name}.png`} className={link}>
        Download PNG
      </a>
      <a href={svg} download={`${name}.svg`} className={link}>
        Download SVG
      </a>
    </div>
  );
}
