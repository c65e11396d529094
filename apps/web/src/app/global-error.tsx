"use client";

import "./globals.css";

/** Replaces the root layout when it fails, so no providers: the text is fixed Chinese. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
        <h1 className="text-xl font-semibold text-slate-900">系统暂时无法访问</h1>
        <p className="mt-2 max-w-md text-sm text-slate-500">请稍后重试。如问题持续，请联系本级政协办公室。</p>
        {error.digest ? <p className="mt-2 text-xs text-slate-500">错误编号：{error.digest}</p> : null}
        <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
          重试
        </button>
      </body>
    </html>
  );
}
