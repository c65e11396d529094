import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * No user text is ever put into a page as HTML. React escapes every string it renders, so the
 * only ways to run stored markup are the raw-HTML sinks below; each place the web app uses one
 * is listed here with the reason it is safe. A new sink fails this test until it is reviewed.
 */

const root = resolve(import.meta.dirname, "../..");

/** What turns a string into markup or code in the browser. */
const SINKS: { name: string; pattern: RegExp }[] = [
  { name: "dangerouslySetInnerHTML", pattern: /dangerouslySetInnerHTML/ },
  { name: "innerHTML / outerHTML assignment", pattern: /\.(inner|outer)HTML\s*\+?=/ },
  { name: "insertAdjacentHTML", pattern: /insertAdjacentHTML/ },
  { name: "document.write", pattern: /document\.write(ln)?\s*\(/ },
  { name: "createContextualFragment", pattern: /createContextualFragment/ },
  { name: "DOMParser", pattern: /new\s+DOMParser/ },
  { name: "iframe srcdoc", pattern: /srcDoc|srcdoc/ },
  { name: "eval", pattern: /(^|[^\w.])eval\s*\(/ },
  { name: "new Function", pattern: /new\s+Function\s*\(/ },
  { name: "event-handler attribute set by hand", pattern: /setAttribute\(\s*["'`]on/i },
  { name: "javascript: URL", pattern: /javascript:/i },
  // ECharts renders a tooltip or label `formatter`'s string as HTML; its default formatter escapes.
  { name: "ECharts formatter (HTML)", pattern: /\bformatter\s*:/ },
];

/** Each sink the web app uses, where, and why what reaches it is not user text. */
const VETTED: { file: string; sink: string; reason: string }[] = [
  {
    file: "apps/web/src/components/activities/qr-panel.tsx",
    sink: "dangerouslySetInnerHTML",
    reason:
      "the check-in QR code: an SVG of <path> elements that the qrcode package draws from our own URL (origin, activity id and an HMAC token). The URL is encoded as modules, never as text, so nothing a person typed reaches the markup.",
  },
];

/** The web app's source files, as git tracks them. */
function webSources(): string[] {
  return execFileSync("git", ["ls-files", "apps/web/src"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => /\.(tsx?|jsx?|mjs)$/.test(f));
}

function findSinks(file: string, text: string): { file: string; sink: string; line: number }[] {
  return text.split("\n").flatMap((line, i) => (/^\s*(\/\/|\*|\/\*)/.test(line) ? [] : SINKS.filter((s) => s.pattern.test(line)).map((s) => ({ file, sink: s.name, line: i + 1 }))));
}

describe("raw-HTML sinks in the web app", () => {
  it("finds each kind of sink (the patterns work)", () => {
    const samples: [string, string][] = [
      ["<div dangerouslySetInnerHTML={{ __html: x }} />", "dangerouslySetInnerHTML"],
      ["el.innerHTML = text;", "innerHTML / outerHTML assignment"],
      ["el.outerHTML += text;", "innerHTML / outerHTML assignment"],
      ['el.insertAdjacentHTML("beforeend", text);', "insertAdjacentHTML"],
      ["document.write(text)", "document.write"],
      ["range.createContextualFragment(text)", "createContextualFragment"],
      ["new DOMParser().parseFromString(text)", "DOMParser"],
      ["<iframe srcDoc={text} />", "iframe srcdoc"],
      ["const f = eval(code);", "eval"],
      ["const f = new Function(code);", "new Function"],
      ['el.setAttribute("onclick", code)', "event-handler attribute set by hand"],
      ['href="javascript:void(0)"', "javascript: URL"],
      ["tooltip: { formatter: (p) => p.name }", "ECharts formatter (HTML)"],
    ];
    for (const [sample, sink] of samples) expect(findSinks("x.tsx", sample).map((f) => f.sink), sample).toEqual([sink]);
    expect(new Set(samples.map(([, sink]) => sink))).toEqual(new Set(SINKS.map((s) => s.name)));
    expect(findSinks("x.tsx", "// el.innerHTML = text is what we never do")).toEqual([]);
    expect(findSinks("x.tsx", "const evaluation = evaluate(x); retrieval(x);")).toEqual([]);
  });

  it("uses none but the vetted ones, each with its reason", () => {
    const files = webSources();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => findSinks(file, readFileSync(resolve(root, file), "utf8")));
    const unvetted = found.filter((f) => !VETTED.some((v) => v.file === f.file && v.sink === f.sink));
    expect(unvetted, "raw-HTML sinks not reviewed: render text with React, or add the sink to VETTED with its reason").toEqual([]);
    // A vetted entry whose sink is gone is stale: remove it, so the list stays the truth.
    const stale = VETTED.filter((v) => !found.some((f) => f.file === v.file && f.sink === v.sink));
    expect(stale).toEqual([]);
  });
});
