import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

/**
 * Renders an e-mail template (a tree of React elements: intrinsic tags, fragments, function
 * components) to static HTML and to its plain-text part. Not react-dom/server: the jobs worker, the
 * benchmark and Next's server layers resolve React under the `react-server` condition, where
 * react-dom/server refuses to load (React Email's `render` is built on it too). Templates use no
 * hooks, context or suspense, so a walk over the elements is all they need. Every string is escaped.
 */

const VOID = new Set(["br", "hr", "img", "meta", "link", "input", "col", "area", "base", "source", "wbr"]);
const BLOCK = new Set(["p", "div", "h1", "h2", "h3", "h4", "table", "tr", "section", "ul", "ol", "li", "hr", "body"]);
const ATTR: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  cellPadding: "cellpadding",
  charSet: "charset",
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Numbers without a unit in CSS (every other number is pixels, as React does it). */
const UNITLESS = new Set(["fontWeight", "lineHeight", "opacity", "zIndex", "flexGrow", "flexShrink", "order"]);
const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const styleText = (style: Record<string, string | number>) =>
  Object.entries(style)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${kebab(k)}:${typeof v === "number" && v !== 0 && !UNITLESS.has(k) ? `${v}px` : v}`)
    .join(";");

type Props = Record<string, unknown> & { children?: ReactNode };

function attributes(props: Props): string {
  let out = "";
  for (const [k, v] of Object.entries(props)) {
    if (k === "children" || k === "key" || v === undefined || v === null || v === false) continue;
    const name = ATTR[k] ?? k;
    if (v === true) out += ` ${name}`;
    else if (k === "style") out += ` style="${escapeHtml(styleText(v as Record<string, string | number>))}"`;
    else out += ` ${name}="${escapeHtml(String(v))}"`;
  }
  return out;
}

/** Function components are called; anything else that is not an intrinsic tag or a fragment is refused. */
function expand(el: ReactElement): { tag: string | null; props: Props } | ReactNode {
  const { type } = el;
  const props = el.props as Props;
  if (type === Fragment) return { tag: null, props };
  if (typeof type === "string") return { tag: type, props };
  if (typeof type === "function") return (type as (p: Props) => ReactNode)(props);
  throw new Error("e-mail templates may use tags, fragments and function components only");
}

export function renderHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return escapeHtml(String(node));
  if (Array.isArray(node)) return node.map(renderHtml).join("");
  if (!isValidElement(node)) return "";
  const x = expand(node);
  if (!(x && typeof x === "object" && "tag" in x && "props" in x)) return renderHtml(x as ReactNode);
  const { tag, props } = x as { tag: string | null; props: Props };
  if (tag === null) return renderHtml(props.children);
  if (VOID.has(tag)) return `<${tag}${attributes(props)}>`;
  return `<${tag}${attributes(props)}>${renderHtml(props.children)}</${tag}>`;
}

/**
 * The plain-text part: text in reading order, blocks on their own lines, a link as `label: url`
 * (just the url when they are the same), images and anything marked `data-text="skip"` left out.
 */
export function renderText(node: ReactNode): string {
  const walk = (n: ReactNode): string => {
    if (n === null || n === undefined || typeof n === "boolean") return "";
    if (typeof n === "string" || typeof n === "number") return String(n).replace(/\s+/g, " ");
    if (Array.isArray(n)) return n.map(walk).join("");
    if (!isValidElement(n)) return "";
    const x = expand(n);
    if (!(x && typeof x === "object" && "tag" in x && "props" in x)) return walk(x as ReactNode);
    const { tag, props } = x as { tag: string | null; props: Props };
    if (tag === null) return walk(props.children);
    if (props["data-text"] === "skip" || tag === "img" || tag === "head" || tag === "style") return "";
    if (tag === "br") return "\n";
    const inner = walk(props.children);
    if (tag === "a") {
      const href = String(props.href ?? "");
      const label = inner.trim();
      return !label || label === href ? href : `${label}: ${href}`;
    }
    if (tag === "hr") return "\n\n----\n\n";
    if (tag === "td" || tag === "th") return `${inner.trim()} `;
    return BLOCK.has(tag) ? `\n\n${inner.trim()}\n\n` : inner;
  };
  return (
    walk(node)
      .split("\n")
      .map((l) => l.trim())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim() + "\n"
  );
}

export function renderEmail(node: ReactNode): { html: string; text: string } {
  return { html: `<!DOCTYPE html>${renderHtml(node)}`, text: renderText(node) };
}
