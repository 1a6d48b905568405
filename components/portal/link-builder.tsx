"use client";

import QRCode from "qrcode";
import { useEffect, useMemo, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Input, Select } from "@/components/ui/field";
import { QrDownloads, qrFiles } from "./qr-downloads";
import { QUOTE_TYPES, referralLink, type LinkOptions } from "./share-links";

/** Builds a tracked link (destination, sub id, UTM tags) with its QR code as you type. */
export function LinkBuilder({ origin, code }: { origin: string; code: string }) {
  const [o, setO] = useState<LinkOptions>({ to: "/quote" });
  const link = useMemo(() => referralLink(origin, code, o), [origin, code, o]);
  const [svg, setSvg] = useState<string>("");
  const [files, setFiles] = useState<{ png: string; svg: string } | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(link, { type: "svg", margin: 1, width: 160 }).then((s) => live && setSvg(s));
    qrFiles(link).then((f) => live && setFiles(f));
    return () => {
      live = false;
    };
  }, [link]);
  const field = (k: keyof LinkOptions) => ({
    value: o[k] ?? "",
    onChange: (e: { target: { value: string } }) => setO((prev) => ({ ...prev, [k]: e.target.value })),
  });
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Select
          label="Destination"
          name="to"
          options={[
            { value: "/quote", label: "Quote form (any insurance)" },
            ...QUOTE_TYPES.map((t) => ({ value: `/quote/${t.slug}`, label: `${t.label} insurance quote` })),
          ]}
          {...field("to")}
        />
        <Input
          label="Sub id"
          name="sub"
          hint="Your own tag, e.g. a newsletter issue"
          maxLength={100}
          {...field("sub")}
        />
        <Input label="utm_source" name="utm_source" placeholder="newsletter" maxLength={100} {...field("utmSource")} />
        <Input label="utm_medium" name="utm_medium" placeholder="email" maxLength={100} {...field("utmMedium")} />
        <Input
          label="utm_campaign"
          name="utm_campaign"
          placeholder="spring-2026"
          maxLength={100}
          {...field("utmCampaign")}
        />
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <label htmlFor="built-link" className="text-sm font-medium">
            Your tracked link
          </label>
          <div className="flex gap-2">
            <input
              id="built-link"
              readOnly
              value={link}
              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={link} label="Copy link" />
          </div>
        </div>
        {svg && (
          <div className="flex shrink-0 flex-col items-start gap-2">
            <div
              role="img"
              aria-label="QR code for the tracked link"
              className="size-44 rounded bg-white p-2"
              dangerouslySetInnerHTML={{ __html: svg }}
            />
            {files ? <QrDownloads {...files} name="tracked-link-qr-code" /> : null}
          </div>
        )}
      </div>
    </div>
  );
}
