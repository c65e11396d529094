import { File, FileImage, FileSpreadsheet, FileText, Presentation } from "lucide-react";
import { attachmentUrl, type FileKind, fileKind, formatSize } from "./shared";

/** What a page knows of a stored file (the procedures' `attachments`/`documents` rows). */
export interface AttachmentListItem {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
}

const ICONS: Record<FileKind, typeof File> = { image: FileImage, pdf: FileText, word: FileText, sheet: FileSpreadsheet, slides: Presentation, other: File };
const ICON_TONES: Record<FileKind, string> = {
  image: "text-sky-600",
  pdf: "text-red-600",
  word: "text-blue-700",
  sheet: "text-emerald-700",
  slides: "text-orange-600",
  other: "text-slate-500",
};

export function AttachmentIcon({ mimeType, className = "h-5 w-5" }: { mimeType: string; className?: string }) {
  const kind = fileKind(mimeType);
  const Icon = ICONS[kind];
  return <Icon className={`${className} shrink-0 ${ICON_TONES[kind]}`} aria-hidden />;
}

/**
 * Download links to stored files, each with an icon for its type and its size. No hooks: it
 * renders in Server Components and in client components alike. Whether a file may be
 * downloaded is decided by the download route, not here.
 */
export function AttachmentList({ files }: { files: AttachmentListItem[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
      {files.map((file) => (
        <li key={file.id}>
          <a
            href={attachmentUrl(file.id)}
            download={file.fileName}
            className="flex min-h-11 items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-600"
          >
            <AttachmentIcon mimeType={file.mimeType} />
            <span className="min-w-0 flex-1 truncate font-medium text-brand-700 underline-offset-2 hover:underline" title={file.fileName}>
              {file.fileName}
            </span>
            <span className="shrink-0 text-xs tabular-nums text-slate-500">{formatSize(file.size)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
