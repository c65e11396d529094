import { createHash } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

/**
 * The attachment routes over HTTP: POST /api/attachments and GET /api/attachments/[id]. An
 * upload nothing owns yet is readable by its uploader only, so these tests need no task.
 */

/** A real 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const MB = 1024 * 1024;
/** 炎陵县's staff: a county other than 醴陵市, whose password no test changes on a first attempt. */
const ANOTHER_COUNTY = "yanling";

interface Uploaded {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
}

function upload(request: APIRequestContext, name: string, buffer: Buffer, mimeType = "application/octet-stream") {
  return request.post("/api/attachments", { multipart: { file: { name, mimeType, buffer } } });
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("county staff upload a PNG and download the same bytes; another county and the signed-out get nothing", async ({ page, browser, request }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  // The browser's claimed type is ignored: the content decides.
  const created = await upload(page.request, "醴陵市 整改现场照片.png", PNG, "text/html");
  expect(created.status(), await created.text()).toBe(201);
  const file = (await created.json()) as Uploaded;
  expect(file).toEqual({ id: expect.any(Number), fileName: "醴陵市 整改现场照片.png", mimeType: "image/png", size: PNG.length });

  const download = await page.request.get(`/api/attachments/${file.id}`);
  expect(download.status()).toBe(200);
  expect(await download.body()).toEqual(PNG);
  const headers = download.headers();
  expect(headers["content-type"]).toBe("image/png");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toBe("private, no-store");
  expect(headers["content-disposition"]).toMatch(/^attachment; filename="[^"]*\.png"; filename\*=UTF-8''/);
  expect(decodeURIComponent(headers["content-disposition"]!.split("UTF-8''")[1]!)).toBe("醴陵市 整改现场照片.png");

  // Images may be shown in the page when asked.
  const inline = await page.request.get(`/api/attachments/${file.id}?inline=1`);
  expect(inline.headers()["content-disposition"]).toMatch(/^inline; /);

  // Another county's staff: the same 404 as for an id that does not exist. (Not 荷塘区's
  // hetang: shell.spec.ts changes the password of that spare account first.)
  const other = await browser.newPage();
  try {
    await signIn(other, ANOTHER_COUNTY);
    const refused = await other.request.get(`/api/attachments/${file.id}`);
    expect(refused.status()).toBe(404);
    const missing = await other.request.get("/api/attachments/2000000000");
    expect(missing.status()).toBe(404);
    expect(await refused.json()).toEqual(await missing.json());
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  } finally {
    await other.close();
  }

  // Signed out (the `request` fixture has no cookies).
  const get = await request.get(`/api/attachments/${file.id}`);
  expect(get.status()).toBe(401);
  expect(((await get.json()) as { error: { code: string; message: string } }).error).toEqual({ code: "UNAUTHORIZED", message: "登录已失效，请重新登录" });
  const post = await upload(request, "a.png", PNG);
  expect(post.status()).toBe(401);
});

test("a file over 20 MB is refused with 413", async ({ page }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  const big = Buffer.concat([PNG, Buffer.alloc(21 * MB)]);
  const response = await upload(page.request, "大图.png", big);
  expect(response.status()).toBe(413);
  expect(((await response.json()) as { error: { code: string; message: string } }).error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "文件超过 20 MB，无法上传" });
});

test("a body over the limit without a Content-Length is cut off at the limit with 413", async ({ page, baseURL }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const boundary = "----dm-e2e-boundary";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
  let sent = 0;
  // Streamed (chunked), so the server cannot know the size up front and must count.
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(Buffer.concat([head, PNG]));
      else if (sent > 22 * MB) return controller.close();
      else controller.enqueue(Buffer.alloc(MB));
      sent += MB;
    },
  });
  const response = await fetch(new URL("/api/attachments", baseURL), {
    method: "POST",
    headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
});

test("a large file under the limit arrives whole", async ({ page }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  // Past the 10 MB that Next.js buffers for a proxy (src/proxy.ts) by default.
  const large = Buffer.concat([PNG, Buffer.alloc(19 * MB, 7)]);
  const response = await upload(page.request, "全景.png", large);
  expect(response.status(), await response.text()).toBe(201);
  const file = (await response.json()) as Uploaded;
  expect(file.size).toBe(large.length);
  const download = await page.request.get(`/api/attachments/${file.id}`);
  expect(sha256(await download.body())).toBe(sha256(large));
});

test("HTML named x.png is refused with 415, in Chinese or, with the English cookie, in English", async ({ page, baseURL }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  const html = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
  const zh = await upload(page.request, "x.png", html, "image/png");
  expect(zh.status()).toBe(415);
  expect(((await zh.json()) as { error: { code: string; message: string } }).error).toEqual({
    code: "UNSUPPORTED_TYPE",
    message: "不支持此类文件。只能上传图片（JPG、PNG、GIF、WebP）、PDF 和 Office 文档（Word、Excel、PowerPoint）",
  });

  // The language switch's cookie.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  const en = await upload(page.request, "x.png", html, "image/png");
  expect(en.status()).toBe(415);
  expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/^This kind of file is not accepted/);

  // A real PNG under a PDF's name is refused too: name and content must agree.
  const renamed = await upload(page.request, "报告.pdf", PNG);
  expect(renamed.status()).toBe(415);
  expect(((await renamed.json()) as { error: { code: string } }).error.code).toBe("TYPE_MISMATCH");
});

test("a request without a file gets a clear 400", async ({ page }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  const response = await page.request.post("/api/attachments", { multipart: { note: "no file here" } });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: { code: string; message: string } }).error).toEqual({ code: "NO_FILE", message: "请选择一个要上传的文件" });
});
