/**
 * A plain, accessible table: a caption for screen readers, a horizontally scrollable region that
 * keyboard users can focus and scroll, header cells with scope.
 */
export function Table({
  caption,
  head,
  children,
  className,
}: {
  caption: string;
  head: React.ReactNode[];
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${className ?? ""}`}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {head.map((h, i) => (
              <th
                key={i}
                scope="col"
                className="px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase"
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({
  children,
  className,
  numeric,
  ...rest
}: React.TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean; "data-testid"?: string }) {
  return (
    <td
      {...rest}
      className={`px-3 py-2 align-top ${numeric ? "text-right tabular-nums whitespace-nowrap" : ""} ${className ?? ""}`}
    >
      {children}
    </td>
  );
}
