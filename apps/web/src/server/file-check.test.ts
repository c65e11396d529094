import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkUpload, extensionOf, sanitizeFileName } from "./file-check";

/** A real 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const TEXT = Buffer.from("会议纪要：这是一份纯文本文件，不是 PDF。\n");
const HTML = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

/** A minimal stored (uncompressed) ZIP, enough for Office Open XML detection. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function officeOpenXml(mainContentType: string, part: string): Buffer {
  return zip({
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="${mainContentType}"/></Types>`,
    [part]: "<xml/>",
  });
}

const DOCX = officeOpenXml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "word/document.xml");
const XLSX = officeOpenXml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml");
const PPTX = officeOpenXml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "ppt/presentation.xml");
const DOCM = officeOpenXml("application/vnd.ms-word.document.macroEnabled.main+xml", "word/document.xml");
const PLAIN_ZIP = zip({ "readme.txt": "hello" });

/** A Compound File Binary header followed by a directory entry named `stream` (UTF-16LE). */
function cfb(stream: string): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const entry = Buffer.alloc(128);
  Buffer.from(stream, "utf16le").copy(entry);
  return Buffer.concat([header, entry]);
}

describe("checkUpload", () => {
  it.each([
    ["照片.png", PNG, "image/png"],
    ["现场.JPG", JPEG, "image/jpeg"],
    ["现场.jpeg", JPEG, "image/jpeg"],
    ["动图.gif", GIF, "image/gif"],
    ["实施方案.pdf", PDF, "application/pdf"],
    ["报告.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["台账.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["汇报.pptx", PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["旧报告.doc", cfb("WordDocument"), "application/msword"],
    ["旧台账.xls", cfb("Workbook"), "application/vnd.ms-excel"],
    ["旧汇报.ppt", cfb("PowerPoint Document"), "application/vnd.ms-powerpoint"],
  ])("accepts %s", async (fileName, bytes, mimeType) => {
    expect(await checkUpload({ bytes, fileName })).toEqual({ ok: true, mimeType });
  });

  it("refuses a PNG renamed .pdf: the name must agree with the content", async () => {
    expect(await checkUpload({ bytes: PNG, fileName: "报告.pdf" })).toEqual({ ok: false, reason: "extension" });
    expect(await checkUpload({ bytes: PNG, fileName: "无扩展名" })).toEqual({ ok: false, reason: "extension" });
    expect(await checkUpload({ bytes: DOCX, fileName: "报告.xlsx" })).toEqual({ ok: false, reason: "extension" });
  });

  it("refuses a text file renamed .pdf", async () => {
    expect(await checkUpload({ bytes: TEXT, fileName: "报告.pdf" })).toEqual({ ok: false, reason: "type" });
  });

  it("refuses HTML, whatever its name", async () => {
    for (const fileName of ["x.html", "x.png", "x.pdf"]) expect(await checkUpload({ bytes: HTML, fileName })).toEqual({ ok: false, reason: "type" });
  });

  it("refuses macro-enabled Office files and plain archives", async () => {
    expect(await checkUpload({ bytes: DOCM, fileName: "报告.docx" })).toEqual({ ok: false, reason: "type" });
    expect(await checkUpload({ bytes: PLAIN_ZIP, fileName: "报告.docx" })).toEqual({ ok: false, reason: "type" });
  });

  it("takes a compound file only as the legacy Office type its name says, with that program's stream", async () => {
    expect(await checkUpload({ bytes: cfb("WordDocument"), fileName: "报告.msi" })).toEqual({ ok: false, reason: "type" });
    expect(await checkUpload({ bytes: cfb("WordDocument"), fileName: "报告.xls" })).toEqual({ ok: false, reason: "type" });
    expect(await checkUpload({ bytes: cfb("Workbook"), fileName: "报告" })).toEqual({ ok: false, reason: "type" });
  });

  it("refuses an empty file", async () => {
    expect(await checkUpload({ bytes: new Uint8Array(), fileName: "a.png" })).toEqual({ ok: false, reason: "empty" });
  });
});

describe("sanitizeFileName", () => {
  it("keeps ordinary Chinese names", () => {
    expect(sanitizeFileName("醴陵市 生态环境监督报告（第一季度）.docx")).toBe("醴陵市 生态环境监督报告（第一季度）.docx");
  });

  it("drops folders of either kind of path", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\张三\\桌面\\照片.jpg")).toBe("照片.jpg");
  });

  it("drops control and invisible formatting characters", () => {
    expect(sanitizeFileName("a\u0000b\r\n\tc.pdf")).toBe("ab c.pdf");
    // A right-to-left override would show "photo\u202Egnp.exe" as "photoexe.png".
    expect(sanitizeFileName("photo\u202Egnp.pdf")).toBe("photognp.pdf");
  });

  it("trims dots and spaces at the ends", () => {
    expect(sanitizeFileName("  报告.pdf. ")).toBe("报告.pdf");
    expect(sanitizeFileName("...")).toBe("");
  });

  it("shortens long names to 200 characters, keeping the extension", () => {
    const name = sanitizeFileName(`${"很".repeat(300)}.pptx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith("很.pptx")).toBe(true);
  });

  it("finds extensions", () => {
    expect(extensionOf("a.B.PDF")).toBe("pdf");
    expect(extensionOf(".png")).toBe("");
    expect(extensionOf("png")).toBe("");
  });
});
