"use client";

import { clsx } from "clsx";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui";
import type { Notice } from "./review-actions";

/**
 * The outcome of the last action on a page. It scrolls into view when it changes: on a phone
 * the button pressed is often a screen away from where the message appears.
 */
export function NoticeBanner({ notice, className }: { notice: Notice | null; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [notice]);
  if (!notice) return null;
  // scroll-mt keeps it clear of the sticky header.
  return (
    <div ref={ref} className={clsx("scroll-mt-20", className)}>
      <Alert tone={notice.tone}>{notice.text}</Alert>
    </div>
  );
}
